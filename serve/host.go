package serve

import (
	"net"
	"strings"
)

// hostCheck decides which Host headers the server answers, against DNS
// rebinding: a page on any web site can make the browser send requests to
// 127.0.0.1 by pointing its own name there, but the browser then sends
// that name as Host. So a host must be an IP address or localhost — names
// that no one else controls — with the served port:
// localhost, 127.0.0.1 and [::1] when bound to loopback; the bound address
// (or any address, when bound to all of them) otherwise.
type hostCheck struct {
	ip   net.IP
	port string
}

func newHostCheck(addr net.Addr) hostCheck {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return hostCheck{ip: net.IPv4(127, 0, 0, 1), port: "0"}
	}
	return hostCheck{ip: net.ParseIP(host), port: port}
}

// want names the address for a message.
func (h hostCheck) want() string {
	if h.ip == nil || h.ip.IsLoopback() || h.ip.IsUnspecified() {
		return "localhost:" + h.port
	}
	return net.JoinHostPort(h.ip.String(), h.port)
}

func (h hostCheck) allowed(hostHeader string) bool {
	name, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		// No port: the default one, 80.
		name, port = strings.TrimSuffix(strings.TrimPrefix(hostHeader, "["), "]"), "80"
	}
	if port != h.port || name == "" {
		return false
	}
	loopback := h.ip != nil && h.ip.IsLoopback()
	all := h.ip != nil && h.ip.IsUnspecified()
	if strings.EqualFold(name, "localhost") {
		return loopback || all
	}
	ip := net.ParseIP(name)
	switch {
	case ip == nil:
		return false // a name: whoever owns it may point it here
	case all:
		return true
	case loopback:
		return ip.IsLoopback()
	}
	return ip.Equal(h.ip)
}
