package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// actionStep is the script and env of the step of action.yml named name.
func actionStep(t *testing.T, name string) (script string, env map[string]any, cond string) {
	t.Helper()
	for _, s := range at(t, yamlDoc(t, "action.yml"), "runs", "steps").([]any) {
		m := s.(map[string]any)
		if m["name"] == name {
			script, _ = m["run"].(string)
			env, _ = m["env"].(map[string]any)
			cond, _ = m["if"].(string)
			return script, env, cond
		}
	}
	t.Fatalf("action.yml has no step %q", name)
	return "", nil, ""
}

// stubPillar is the "binary" in the fake release archives.
const stubPillar = "#!/bin/sh\necho \"pillar v1.2.3 from the release archive: $*\"\n"

func tarGz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, name := range []string{"README.md", "pillar"} {
		if body, ok := files[name]; ok {
			if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(body))}); err != nil {
				t.Fatal(err)
			}
			tw.Write([]byte(body))
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	gz.Close()
	return buf.Bytes()
}

func zipped(t *testing.T, name, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(body))
	zw.Close()
	return buf.Bytes()
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// releaseServer serves pillar v1.2.3's release files over HTTPS, as
// GoReleaser names them, and records the Authorization header of each
// request.
type releaseServer struct {
	*httptest.Server
	caFile string

	mu    sync.Mutex
	files map[string][]byte
	auth  []string
}

func newReleaseServer(t *testing.T) *releaseServer {
	t.Helper()
	rs := &releaseServer{files: map[string][]byte{}}
	rs.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rs.mu.Lock()
		defer rs.mu.Unlock()
		rs.auth = append(rs.auth, r.Header.Get("Authorization"))
		b, ok := rs.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(rs.Close)
	rs.caFile = filepath.Join(t.TempDir(), "ca.pem")
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: rs.Certificate().Raw})
	if err := os.WriteFile(rs.caFile, cert, 0o644); err != nil {
		t.Fatal(err)
	}
	const dir = "/pillar-strategy/pillar/releases/download/v1.2.3/"
	archives := map[string][]byte{
		"pillar_1.2.3_linux_amd64.tar.gz":  tarGz(t, map[string]string{"README.md": "# pillar\n", "pillar": stubPillar}),
		"pillar_1.2.3_darwin_arm64.tar.gz": tarGz(t, map[string]string{"README.md": "# pillar\n", "pillar": stubPillar}),
		"pillar_1.2.3_windows_amd64.zip":   zipped(t, "pillar.exe", stubPillar),
		"pillar_1.2.3_linux_arm64.tar.gz":  tarGz(t, map[string]string{"README.md": "# pillar\n", "pillar": stubPillar}),
	}
	var sums strings.Builder
	for _, name := range []string{"pillar_1.2.3_darwin_arm64.tar.gz", "pillar_1.2.3_linux_amd64.tar.gz", "pillar_1.2.3_linux_arm64.tar.gz", "pillar_1.2.3_windows_amd64.zip"} {
		rs.files[dir+name] = archives[name]
		h := sum(archives[name])
		if name == "pillar_1.2.3_linux_arm64.tar.gz" {
			h = sum([]byte("another archive")) // a swapped or damaged file
		}
		fmt.Fprintf(&sums, "%s  %s\n", h, name)
	}
	rs.files[dir+"pillar_1.2.3_checksums.txt"] = []byte(sums.String())
	// Served, but not in the checksums file.
	rs.files[dir+"pillar_1.2.3_windows_arm64.zip"] = zipped(t, "pillar.exe", stubPillar)
	return rs
}

func (rs *releaseServer) authorizations() []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	out := rs.auth
	rs.auth = nil
	return out
}

// TestActionFindsItsRelease: the action takes a release (vX.Y.Z) from the
// ref it is used at, or from the folder the runner keeps it in when the
// ref is not given to composite actions; anything else builds from source.
func TestActionFindsItsRelease(t *testing.T) {
	script, env, _ := actionStep(t, "Find pillar's release")
	for k, v := range map[string]string{"ACTION_REF": "${{ github.action_ref }}", "ACTION_REPOSITORY": "${{ github.action_repository }}", "ACTION_PATH": "${{ github.action_path }}"} {
		if env[k] != v {
			t.Errorf("env %s = %v, want %s", k, env[k], v)
		}
	}
	for _, tc := range []struct {
		ref, repo, path string
		want            string
	}{
		{"v1.2.3", "pillar-strategy/pillar", "/home/runner/work/_actions/pillar-strategy/pillar/v1.2.3", "release=true ref=v1.2.3 repo=pillar-strategy/pillar"},
		{"", "", "/home/runner/work/_actions/pillar-strategy/pillar/v1.2.3", "release=true ref=v1.2.3 repo=pillar-strategy/pillar"},
		{"", "", `D:\a\_actions\octo-org\pillar-fork\v2.0.10`, "release=true ref=v2.0.10 repo=octo-org/pillar-fork"},
		{"main", "pillar-strategy/pillar", "/x/pillar-strategy/pillar/main", "release=false"},
		{strings.Repeat("a", 40), "pillar-strategy/pillar", "/x", "release=false"},
		{"v1.2", "pillar-strategy/pillar", "/x", "release=false"},
		{"v1.2.3-rc.1", "pillar-strategy/pillar", "/x", "release=false"},
		{"v1.2.3\nrelease=true", "pillar-strategy/pillar", "/x", "release=false"},
		{"v1.2.3", "pillar strategy/$(id)", "/x", "release=false"},
		// Used from the workflow's own checkout (uses: ./): no ref.
		{"", "", "/home/runner/work/strategy/strategy", "release=false"},
	} {
		out := filepath.Join(t.TempDir(), "output")
		log, code := bashScript(t, t.TempDir(), script, "ACTION_REF="+tc.ref, "ACTION_REPOSITORY="+tc.repo, "ACTION_PATH="+tc.path, "GITHUB_OUTPUT="+out)
		b, _ := os.ReadFile(out)
		if got := strings.Join(strings.Fields(string(b)), " "); code != 0 || got != tc.want {
			t.Errorf("ref %q, path %q: exit %d, outputs %q, want %q\n%s", tc.ref, tc.path, code, got, tc.want, log)
		}
	}
}

// TestActionInstallsTheRelease runs the action's download step against a
// local HTTPS server holding a release: an archive that matches its
// checksum is installed; one that does not, or that the checksums file
// does not list, or that is missing, fails the step and installs nothing.
func TestActionInstallsTheRelease(t *testing.T) {
	script, env, cond := actionStep(t, "Download pillar")
	if cond != "steps.release.outputs.release == 'true'" {
		t.Errorf("the download runs if %q", cond)
	}
	_, _, buildCond := actionStep(t, "Build pillar")
	if buildCond != "steps.release.outputs.release != 'true'" {
		t.Errorf("the build from source runs if %q", buildCond)
	}
	if env["RELEASE_SERVER"] != "${{ inputs.release-server }}" || env["GITHUB_TOKEN"] != "${{ inputs.token }}" {
		t.Errorf("env %v", env)
	}
	if strings.Contains(script, "${{") {
		t.Error("the script pastes expressions into the shell; pass them through env")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	rs := newReleaseServer(t)
	for _, tc := range []struct {
		name, os, arch, server string
		sameServer             bool
		fails                  string // in the log; "" when it installs
		exe                    string
	}{
		{name: "linux amd64", os: "Linux", arch: "X64", sameServer: true, exe: "pillar"},
		{name: "token not sent elsewhere", os: "Linux", arch: "X64", exe: "pillar"},
		{name: "macOS arm64", os: "macOS", arch: "ARM64", exe: "pillar"},
		{name: "windows zip", os: "Windows", arch: "X64", exe: "pillar.exe"},
		{name: "checksum mismatch", os: "Linux", arch: "ARM64",
			fails: "pillar_1.2.3_linux_arm64.tar.gz does not match its checksum in pillar_1.2.3_checksums.txt (SHA-256 "},
		{name: "not in the checksums", os: "Windows", arch: "ARM64", fails: "pillar_1.2.3_checksums.txt lists no pillar_1.2.3_windows_arm64.zip"},
		{name: "not in the release", os: "macOS", arch: "X64", fails: "could not download " + rs.URL + "/pillar-strategy/pillar/releases/download/v1.2.3/pillar_1.2.3_darwin_amd64.tar.gz"},
		{name: "unknown system", os: "FreeBSD", arch: "X64", fails: "no pillar release for the runner's system FreeBSD"},
		{name: "plain http", os: "Linux", arch: "X64", server: "http://" + strings.TrimPrefix(rs.URL, "https://"), fails: "release-server must be an https:// address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			temp := t.TempDir()
			server := tc.server
			if server == "" {
				server = rs.URL
			}
			serverURL := "https://github.com"
			if tc.sameServer {
				serverURL = rs.URL
			}
			log, code := bashScript(t, t.TempDir(), script, "PILLAR_REF=v1.2.3", "PILLAR_REPO=pillar-strategy/pillar", "RELEASE_SERVER="+server,
				"SERVER_URL="+serverURL, "GITHUB_TOKEN="+e2eToken, "RUNNER_OS="+tc.os, "RUNNER_ARCH="+tc.arch, "RUNNER_TEMP="+temp,
				"CURL_CA_BUNDLE="+rs.caFile)
			installed := filepath.Join(temp, "pillar-action", tc.exe)
			if strings.Contains(log, e2eToken) {
				t.Errorf("the token was printed:\n%s", log)
			}
			auths := rs.authorizations()
			if tc.fails != "" {
				if code == 0 || !strings.Contains(log, "::error title=pillar could not be installed::") || !strings.Contains(log, tc.fails) {
					t.Errorf("exit %d, want a failure saying %q:\n%s", code, tc.fails, log)
				}
				if matches, _ := filepath.Glob(filepath.Join(temp, "pillar-action", "*")); len(matches) > 0 {
					t.Errorf("installed %v all the same", matches)
				}
				return
			}
			if code != 0 || !strings.Contains(log, "pillar v1.2.3 from the release archive: version") {
				t.Fatalf("exit %d:\n%s", code, log)
			}
			if out, err := exec.Command(installed, "github").Output(); err != nil || !strings.Contains(string(out), ": github") {
				t.Errorf("the installed pillar: %v %s", err, out)
			}
			wantAuth := ""
			if tc.sameServer {
				wantAuth = "Bearer " + e2eToken
			}
			if len(auths) != 2 || auths[0] != wantAuth || auths[1] != wantAuth {
				t.Errorf("Authorization headers %q, want %q on both requests", auths, wantAuth)
			}
		})
	}
}

// TestActionChecksumTools: without sha256sum (macOS), the download step
// checks the archive with shasum -a 256.
func TestActionChecksumTools(t *testing.T) {
	script, _, _ := actionStep(t, "Download pillar")
	bin := t.TempDir()
	for _, tool := range []string{"curl", "awk", "cut", "tar", "gzip", "mkdir", "rm", "chmod", "tr", "sed", "shasum", "perl", "cat", "sh"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Skipf("%s is not installed", tool)
		}
		if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
			t.Fatal(err)
		}
	}
	rs := newReleaseServer(t)
	for _, tc := range []struct {
		arch string
		code int
	}{{"X64", 0}, {"ARM64", 1}} {
		temp := t.TempDir()
		log, code := bashScript(t, t.TempDir(), script, "PATH="+bin, "PILLAR_REF=v1.2.3", "PILLAR_REPO=pillar-strategy/pillar", "RELEASE_SERVER="+rs.URL,
			"SERVER_URL=https://github.com", "RUNNER_OS=Linux", "RUNNER_ARCH="+tc.arch, "RUNNER_TEMP="+temp, "CURL_CA_BUNDLE="+rs.caFile)
		if (code == 0) != (tc.code == 0) {
			t.Errorf("%s: exit %d, want %d\n%s", tc.arch, code, tc.code, log)
		}
	}
}

// TestReleaseNamesMatchTheAction: GoReleaser names the archives and the
// checksums file as the action's download step computes them, for every
// system and processor the action maps a runner to, and the release
// workflow runs on version tags.
func TestReleaseNamesMatchTheAction(t *testing.T) {
	gr := yamlDoc(t, ".goreleaser.yaml")
	if at(t, gr, "version") != 2 || at(t, gr, "project_name") != "pillar" {
		t.Errorf(".goreleaser.yaml: version %v, project_name %v", at(t, gr, "version"), at(t, gr, "project_name"))
	}
	build := at(t, gr, "builds", 0)
	if fmt.Sprint(at(t, build, "goos")) != "[linux darwin windows]" || fmt.Sprint(at(t, build, "goarch")) != "[amd64 arm64]" || at(t, build, "main") != "./cmd/pillar" {
		t.Errorf("builds: %v", build)
	}
	archive := at(t, gr, "archives", 0)
	if at(t, archive, "name_template") != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" ||
		fmt.Sprint(at(t, archive, "formats")) != "[tar.gz]" ||
		at(t, archive, "format_overrides", 0, "goos") != "windows" || fmt.Sprint(at(t, archive, "format_overrides", 0, "formats")) != "[zip]" {
		t.Errorf("archives: %v", archive)
	}
	if at(t, gr, "checksum", "name_template") != "{{ .ProjectName }}_{{ .Version }}_checksums.txt" || at(t, gr, "checksum", "algorithm") != "sha256" {
		t.Errorf("checksum: %v", at(t, gr, "checksum"))
	}
	script, _, _ := actionStep(t, "Download pillar")
	for _, want := range []string{
		`archive="pillar_${version}_${os}_${arch}.${ext}"`, `sums="pillar_${version}_checksums.txt"`, `version="${PILLAR_REF#v}"`,
		"Linux) os=linux", "macOS) os=darwin", "Windows) os=windows", "X64) arch=amd64", "ARM64) arch=arm64",
		"ext=tar.gz exe=pillar", "ext=zip exe=pillar.exe",
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the download step lacks %s", want)
		}
	}
	rel := yamlDoc(t, ".github/workflows/release.yml")
	if fmt.Sprint(at(t, rel, "on", "push", "tags")) != "[v*]" {
		t.Errorf("the release workflow runs on %v", at(t, rel, "on"))
	}
	steps := at(t, rel, "jobs", "release", "steps")
	gorel := step(t, steps, "goreleaser/goreleaser-action")
	if at(t, gorel, "with", "version") != "v2.17.0" || at(t, gorel, "with", "args") != "release --clean" {
		t.Errorf("goreleaser step: %v", gorel)
	}
	if at(t, step(t, steps, "actions/checkout"), "with", "fetch-depth") != 0 {
		t.Error("the release checks out without history: GoReleaser's changelog needs the tags")
	}
}
