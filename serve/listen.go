package serve

import (
	"errors"
	"net"
	"os/exec"
	"runtime"
	"strconv"
	"syscall"
)

// DefaultPort is the port the preview tries first.
const DefaultPort = 4580

// portTries is how many ports after a busy one Listen tries before it
// lets the system choose.
const portTries = 10

// Listen listens on host at port, or, when that port is taken, on the
// next free one of the few after it, else on one the system chooses. Port
// 0 lets the system choose at once. moved reports that the port is not the
// one asked for.
func Listen(host string, port int) (ln net.Listener, moved bool, err error) {
	if port == 0 {
		ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
		return ln, false, err
	}
	for p := port; p < port+portTries && p <= 65535; p++ {
		ln, err = net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p)))
		if err == nil {
			return ln, p != port, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return nil, false, err
		}
	}
	ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	return ln, err == nil, err
}

// IsLoopback reports whether host (a name or an address, as --addr gives
// it) means this machine only.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// openCommand is the command that opens url in the user's browser on goos.
func openCommand(goos, url string) []string {
	switch goos {
	case "darwin":
		return []string{"open", url}
	case "windows":
		return []string{"rundll32", "url.dll,FileProtocolHandler", url}
	}
	return []string{"xdg-open", url}
}

// OpenBrowser asks the system to open url in the user's browser; it does
// not wait for the browser.
func OpenBrowser(url string) error {
	args := openCommand(runtime.GOOS, url)
	cmd := exec.Command(args[0], args[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the opener's exit says nothing we can act on
	return nil
}
