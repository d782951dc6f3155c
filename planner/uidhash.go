package planner

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"hash"
	"sync"
)

// A UID is the first ten bytes of the SHA-256 of brand|channel|local, a key
// of one 64-byte block when it is 55 bytes or shorter (the message, the
// 0x80 that ends it, its length in bits: FIPS 180-4, section 5.1.1). A
// plan hashes one key per post, and sha256.Sum256 spends more time around
// its block than in it: copying the digest, padding through Write, and
// writing out all eight words. keyHasher pads the block itself and writes
// it whole into a reused digest, whose state after that one block is the
// hash; it reads the state from the digest's binary form (AppendBinary:
// a four-byte magic, then the eight state words big-endian). That form is
// checked against sha256.Sum256 once per process, and a key that is
// longer, or a standard library whose form differs, takes sha256.Sum256.

// keyHasher hashes keys of one length.
type keyHasher struct {
	h     hash.Hash
	app   encoding.BinaryAppender
	block [sha256.BlockSize]byte
	state []byte
	fast  bool
}

// maxBlockKey is the longest key that fits one block with its padding.
const maxBlockKey = sha256.BlockSize - 1 - 8

func newKeyHasher(n int) *keyHasher {
	k := &keyHasher{}
	if n > maxBlockKey || !blockStateReadable() {
		return k
	}
	k.h = sha256.New()
	k.app, k.fast = k.h.(encoding.BinaryAppender)
	k.block[n] = 0x80
	binary.BigEndian.PutUint64(k.block[sha256.BlockSize-8:], uint64(n)*8)
	return k
}

// sum returns the SHA-256 of key, which must have the length the hasher
// was made for.
func (k *keyHasher) sum(key []byte) [sha256.Size]byte {
	if !k.fast {
		return sha256.Sum256(key)
	}
	copy(k.block[:], key)
	k.h.Reset()
	k.h.Write(k.block[:])
	k.state, _ = k.app.AppendBinary(k.state[:0])
	var out [sha256.Size]byte
	copy(out[:], k.state[len(stateMagic):])
	return out
}

// stateMagic opens the binary form of a SHA-256 digest.
const stateMagic = "sha\x03"

// blockStateReadable reports whether the digest's binary form holds the
// state where keyHasher reads it: the hash of keys of every length that
// fits one block must come out as sha256.Sum256 computes it.
var blockStateReadable = sync.OnceValue(func() bool {
	h := sha256.New()
	app, ok := h.(encoding.BinaryAppender)
	if !ok {
		return false
	}
	key := []byte("Nordlys Outdoor|instagram|2027-01-04T09:00, and some more bytes")
	for n := 0; n <= maxBlockKey; n++ {
		var block [sha256.BlockSize]byte
		copy(block[:], key[:n])
		block[n] = 0x80
		binary.BigEndian.PutUint64(block[sha256.BlockSize-8:], uint64(n)*8)
		h.Reset()
		h.Write(block[:])
		st, err := app.AppendBinary(nil)
		want := sha256.Sum256(key[:n])
		if err != nil || len(st) < len(stateMagic)+sha256.Size || string(st[:len(stateMagic)]) != stateMagic ||
			!bytes.Equal(st[len(stateMagic):len(stateMagic)+sha256.Size], want[:]) {
			return false
		}
	}
	return true
})
