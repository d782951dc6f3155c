package inputfile

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"
)

// RootFS is an fs.FS over root that opens regular files and folders only
// (so fs.Glob and fs.ReadFile never block on a named pipe) and nothing
// outside root. It implements fs.StatFS and fs.ReadDirFS.
func RootFS(root *os.Root) fs.FS { return rootFS{root} }

type rootFS struct{ root *os.Root }

func (r rootFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	fi, err := StatIn(r.root, name)
	if err != nil {
		return nil, asOpen(err)
	}
	if fi.IsDir() {
		f, err := r.root.Open(name)
		if err != nil {
			return nil, outside(err)
		}
		return f, nil
	}
	return OpenIn(r.root, name)
}

func (r rootFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return StatIn(r.root, name)
}

func (r rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	fi, err := StatIn(r.root, name)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: syscall.ENOTDIR}
	}
	f, err := r.root.Open(name)
	if err != nil {
		return nil, outside(err)
	}
	defer f.Close()
	list, err := f.ReadDir(-1)
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return list, err
}

// Dir is a folder read as an fs.FS, like os.DirFS, but confined: a name
// that leads outside the folder (through a symbolic link too) is refused,
// and only regular files and folders are opened. Being a string, it still
// says which folder it is.
type Dir string

// Open opens name in the folder: a folder, or a regular file.
func (d Dir) Open(name string) (fs.File, error) {
	root, err := os.OpenRoot(string(d))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return RootFS(root).Open(name)
}

// Stat is fs.StatFS's Stat, confined like Open, except that a symbolic
// link leading out of the folder is described as the link itself: the name
// is there, so a caller looking for overrides finds it, and opening it then
// says why it cannot be read, rather than the file being passed over.
func (d Dir) Stat(name string) (fs.FileInfo, error) {
	root, err := os.OpenRoot(string(d))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	fi, err := RootFS(root).(fs.StatFS).Stat(name)
	if IsOutside(err) {
		if li, lerr := root.Lstat(name); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			return li, nil
		}
	}
	return fi, err
}
