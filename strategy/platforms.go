package strategy

import "strings"

// platformNames are the display names of common networks; others are shown
// as written.
var platformNames = map[string]string{
	"instagram": "Instagram", "tiktok": "TikTok", "linkedin": "LinkedIn", "youtube": "YouTube",
	"facebook": "Facebook", "x": "X", "twitter": "X", "pinterest": "Pinterest", "threads": "Threads",
	"snapchat": "Snapchat", "bluesky": "Bluesky", "mastodon": "Mastodon", "reddit": "Reddit",
	"whatsapp": "WhatsApp",
}

// PlatformName returns a network's display name, e.g. "LinkedIn" for
// linkedin; an unknown platform is returned as written.
func PlatformName(p string) string {
	if n, ok := platformNames[strings.ToLower(p)]; ok {
		return n
	}
	return p
}

// ChannelName names a channel for people: the network's display name, and
// the channel's id too when it is not just the network's name, e.g.
// "Instagram" or "LinkedIn (li-company)".
func ChannelName(id, platform string) string {
	name := PlatformName(platform)
	switch {
	case name == "":
		return id
	case id == "" || strings.EqualFold(id, platform):
		return name
	}
	return name + " (" + id + ")"
}
