package outfile

import (
	"os"
	"syscall"
)

// syncFileRangeWrite is SYNC_FILE_RANGE_WRITE: start writing the range's
// dirty pages back without waiting for them
// (https://man7.org/linux/man-pages/man2/sync_file_range.2.html).
const syncFileRangeWrite = 0x2

// writebackStart asks the kernel to begin writing n bytes of f from off to
// the disk while pillar goes on producing the rest, so that the fsync at
// the end waits only for the tail. It is a hint: an error changes nothing
// that the fsync does not check again.
func writebackStart(f *os.File, off, n int64) {
	syscall.SyncFileRange(int(f.Fd()), off, n, syncFileRangeWrite)
}
