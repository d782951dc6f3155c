//go:build !linux

package platform

import "testing"

// reportCPU runs f b.N times; only Linux reports the CPU time besides.
func reportCPU(b *testing.B, f func(i int)) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f(i)
	}
}
