package serve

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

func TestListenMovesOffABusyPort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	ln, moved, err := Listen("127.0.0.1", port)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if got := ln.Addr().(*net.TCPAddr).Port; !moved || got == port {
		t.Errorf("listening on %d (moved %v) while %d is taken", got, moved, port)
	}

	free, moved, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	free.Close()
	if moved || free.Addr().(*net.TCPAddr).Port == 0 {
		t.Errorf("port 0: %v, moved %v", free.Addr(), moved)
	}

	if _, _, err := Listen("192.0.2.1", 4580); err == nil || strings.Contains(err.Error(), strconv.Itoa(port)) {
		t.Errorf("an address not on this machine: %v, want the system's error", err)
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1": true, "::1": true, "localhost": true, "127.1.2.3": true,
		"0.0.0.0": false, "::": false, "192.168.1.5": false, "example.com": false,
	} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestOpenCommand(t *testing.T) {
	const u = "http://127.0.0.1:4580/"
	for goos, want := range map[string]string{
		"linux":   "xdg-open " + u,
		"freebsd": "xdg-open " + u,
		"darwin":  "open " + u,
		"windows": "rundll32 url.dll,FileProtocolHandler " + u,
	} {
		if got := strings.Join(openCommand(goos, u), " "); got != want {
			t.Errorf("%s: %q, want %q", goos, got, want)
		}
	}
}
