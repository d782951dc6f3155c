package planner

import (
	"crypto/sha256"
	"math/rand"
	"testing"
)

// TestKeyHasherIsSHA256: the one-block hasher gives sha256.Sum256 for keys
// of every length, the longer ones through Sum256 itself, and takes its
// fast path with this standard library.
func TestKeyHasherIsSHA256(t *testing.T) {
	if !blockStateReadable() {
		t.Error("the digest's binary form is not the one keyHasher reads: UIDs take the slower sha256.Sum256")
	}
	rng := rand.New(rand.NewSource(79))
	for n := 0; n <= 3*sha256.BlockSize; n++ {
		h := newKeyHasher(n)
		if h.fast != (n <= maxBlockKey) {
			t.Errorf("length %d: fast path %v", n, h.fast)
		}
		key := make([]byte, n)
		for range 20 {
			rng.Read(key)
			if got, want := h.sum(key), sha256.Sum256(key); got != want {
				t.Fatalf("length %d: %x, want %x", n, got, want)
			}
		}
	}
}

func BenchmarkKeyHasher(b *testing.B) {
	key := []byte("Nordlys Outdoor|instagram|2027-01-04T09:00")
	h := newKeyHasher(len(key))
	b.Run("block", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			key[len(key)-1] = byte('0' + i%10)
			_ = h.sum(key)
		}
	})
	b.Run("Sum256", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			key[len(key)-1] = byte('0' + i%10)
			_ = sha256.Sum256(key)
		}
	})
}
