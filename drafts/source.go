package drafts

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/inputfile"
)

// FileSource is a CSV or JSON Lines drafts file on disk. Only a regular
// file is read (not a FIFO or a device), so it can be read twice.
type FileSource struct {
	// Path is the file as the user named it.
	Path string
	// Read says how to read it.
	Read ReadOptions
	// Stats is what the last read saw: rows, rejects, ignored columns.
	Stats audit.ReadStats
}

// Name returns the file's path.
func (f *FileSource) Name() string { return f.Path }

// Each reads the file's drafts.
func (f *FileSource) Each(fn func(*Draft) error, bad func(Reject)) error {
	file, err := inputfile.Open(f.Path)
	var nr *inputfile.NotRegularError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", f.Path)
	case errors.As(err, &nr):
		return fmt.Errorf("%s is %s; pillar reads drafts only from regular files and folders of Markdown posts", f.Path, inputfile.Kind(nr.Mode))
	case err != nil:
		return err
	}
	defer file.Close()
	f.Stats, err = ReadFile(file, f.Path, f.Read, fn, bad)
	return err
}

// DirSource is a folder of Markdown posts.
type DirSource struct {
	// Path is the folder as the user named it.
	Path string
	// Opt says how to read it.
	Opt DirOptions
	// Files is how many posts the last read found.
	Files int
}

// Name returns the folder's path.
func (d *DirSource) Name() string { return d.Path }

// Each reads the folder's posts.
func (d *DirSource) Each(fn func(*Draft) error, bad func(Reject)) error {
	n, err := ReadDir(d.Path, d.Opt, fn, bad)
	d.Files = n
	return err
}
