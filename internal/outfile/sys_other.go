//go:build !unix

package outfile

import (
	"errors"
	"io/fs"
	"os"
)

const (
	wOK = 0x2
	xOK = 0x1
)

// access cannot ask the system here; the create or rename reports it.
func access(path string, mode uint32) error { return nil }

// keep gives f the mode of the file it replaces; ownership is not a Unix
// notion here.
func keep(f *os.File, old fs.FileInfo) error { return f.Chmod(keptMode(old.Mode())) }

// dup is never called here: there are no descriptor folders to name.
func dup(fd int, name string) (*os.File, error) {
	return nil, &fs.PathError{Op: "dup", Path: name, Err: errors.ErrUnsupported}
}
