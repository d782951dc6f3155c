package github

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

// dryRunTransport prints each request instead of sending it, and answers
// it the way GitHub would in the simplest case: lists are empty, and what
// is created or edited comes back with an id. The Client above it runs
// exactly as it would for real, so --dry-run shows the real requests.
type dryRunTransport struct {
	w     io.Writer
	token string

	mu     sync.Mutex
	nextID int64
}

func (t *dryRunTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		body, err = io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
	}
	t.mu.Lock()
	t.nextID++
	id := t.nextID
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", req.Method, req.URL)
	if req.Header.Get("Authorization") != "" {
		b.WriteString("Authorization: " + redacted + "\n")
	}
	if len(bytes.TrimSpace(body)) > 0 {
		var pretty bytes.Buffer
		if json.Indent(&pretty, bytes.TrimSpace(body), "", "  ") == nil {
			b.Write(pretty.Bytes())
		} else {
			b.Write(body)
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	_, err := io.WriteString(t.w, Redact(b.String(), t.token))
	t.mu.Unlock()
	if err != nil {
		return nil, err
	}

	status, answer := http.StatusOK, []byte("[]")
	switch {
	case req.Method == http.MethodGet && strings.HasSuffix(req.URL.Path, "/check-runs"):
		// The check runs of a commit come in an object, not a list.
		answer = []byte(`{"total_count": 0, "check_runs": []}`)
	case req.Method != http.MethodGet:
		if req.Method == http.MethodPost {
			status = http.StatusCreated
		}
		obj := map[string]any{}
		json.Unmarshal(body, &obj)
		obj["id"] = id
		answer, _ = json.Marshal(obj)
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body:          io.NopCloser(bytes.NewReader(answer)),
		ContentLength: int64(len(answer)),
		Request:       req,
	}, nil
}
