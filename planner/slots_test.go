package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"testing"
	"time"
)

// TestLocalAndUID: formatLocal writes what time.Format does, and a
// channel's identities give every post, in order with several a day, its
// Local and the first ten bytes of SHA-256(brand|channel|local) in hex.
func TestLocalAndUID(t *testing.T) {
	rng := rand.New(rand.NewSource(83))
	for range 20000 {
		w := time.Date(1900+rng.Intn(8000), time.January, 1, 0, 0, 0, 0, time.UTC).Unix() + rng.Int63n(366*secondsPerDay)
		w -= w % 60
		if got, want := formatLocal(w), time.Unix(w, 0).UTC().Format("2006-01-02T15:04"); got != want {
			t.Fatalf("formatLocal(%d) = %s, want %s", w, got, want)
		}
	}
	ids := newIdentities("Nordlys", "instagram")
	w := time.Date(2027, time.March, 27, 0, 0, 0, 0, time.UTC).Unix()
	for range 2000 {
		w += 60 * (1 + rng.Int63n(600))
		var id [idLen]byte
		ids.put(&id, w)
		local := time.Unix(w, 0).UTC().Format("2006-01-02T15:04")
		sum := sha256.Sum256([]byte("Nordlys|instagram|" + local))
		if want := local + hex.EncodeToString(sum[:10]) + "@pillar"; string(id[:]) != want {
			t.Fatalf("%s: %s, want %s", local, id[:], want)
		}
	}
}
