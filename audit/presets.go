package audit

import "sort"

// Presets are mappings for exports whose column names are public. Only
// tools whose export columns could be checked against public material are
// here; for others, write a mapping file (see examples/mappings).
//
// None of these exports writes a UTC offset: their times are in the time
// zone of the account or of the person exporting, so a preset leaves
// Timezone empty and the reader asks for it (--map timezone=Europe/Oslo).

// networkChannels renames the network names analytics tools write to the
// channel ids strategies use for one channel per network.
var networkChannels = map[string]string{
	"Instagram": "instagram", "Facebook": "facebook", "LinkedIn": "linkedin", "TikTok": "tiktok",
	"Pinterest": "pinterest", "YouTube": "youtube", "Threads": "threads", "X": "x", "Twitter": "x",
}

var presets = map[string]func() *Mapping{
	// meta-facebook is Meta Business Suite's export of a Facebook Page's
	// posts (Insights → Content → Export data, CSV). Its columns (Post ID,
	// Publish time, Title, Reactions, Comments, Shares, Total clicks, Reach)
	// and its time format, month/day/year 24-hour (01/04/2027 09:00), are
	// those read by public tools that import the export, e.g. the
	// importers in github.com/BWNguyenVu/facebook_ads_manager and other
	// open-source dashboards for Business Suite CSVs. The export has one
	// Page and no channel column, so every row is the facebook channel;
	// Title holds the caption for most post types.
	"meta-facebook": func() *Mapping {
		return &Mapping{
			Name: "meta-facebook",
			Posts: map[string]string{
				"id": "Post ID", "published_at": "Publish time", "text": "Title",
				"likes": "Reactions", "comments": "Comments", "shares": "Shares",
				"clicks": "Total clicks", "reach": "Reach",
			},
			TimeLayout: "1/2/2006 15:04",
			Channel:    "facebook",
		}
	},
	// meta-instagram is Meta Business Suite's export of an Instagram
	// account's posts. Its columns (Post ID, Publish time, Description,
	// Likes, Comments, Shares, Saves, Reach) and time format are the same
	// public sources' as meta-facebook's. Every row is the instagram
	// channel.
	"meta-instagram": func() *Mapping {
		return &Mapping{
			Name: "meta-instagram",
			Posts: map[string]string{
				"id": "Post ID", "published_at": "Publish time", "text": "Description",
				"likes": "Likes", "comments": "Comments", "shares": "Shares",
				"saves": "Saves", "reach": "Reach",
			},
			TimeLayout: "1/2/2006 15:04",
			Channel:    "instagram",
		}
	},
	// sprout-social is Sprout Social's Post Performance report exported as
	// CSV. Its columns (Date, Post ID, Network, Post, Impressions, Reach,
	// Likes, Comments, Shares, Saves, Post Link Clicks) are those public
	// importers of the report read, and Sprout's help centre ("How do I use
	// the Post Performance Report?", "Facebook Post Performance Report vs.
	// Facebook Insights") names the same metrics. Date is month/day/year
	// with a 12-hour clock (1/4/2027 9:00 am). Network is the network's
	// name, renamed to the usual channel ids. Facebook reactions are in a
	// column of their own, Reactions; a Facebook-only audit maps likes to
	// it (--map likes=Reactions).
	"sprout-social": func() *Mapping {
		return &Mapping{
			Name: "sprout-social",
			Posts: map[string]string{
				"id": "Post ID", "published_at": "Date", "channel": "Network", "text": "Post",
				"likes": "Likes", "comments": "Comments", "shares": "Shares", "saves": "Saves",
				"clicks": "Post Link Clicks", "impressions": "Impressions", "reach": "Reach",
			},
			TimeLayout: "1/2/2006 3:04 pm",
			Channels:   copyNames(networkChannels),
		}
	},
}

// Preset returns a copy of the preset mapping called name.
func Preset(name string) (*Mapping, bool) {
	f, ok := presets[name]
	if !ok {
		return nil, false
	}
	return f(), true
}

// Presets returns the presets' names, sorted.
func Presets() []string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
