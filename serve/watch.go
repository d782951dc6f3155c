package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Quiet is how long the files must stay unchanged before the preview
// reloads: an editor's save is a burst of events (a temporary file
// written, renamed over the original, its mode set), and a formatter or a
// git checkout touches many files at once. One reload per burst.
const Quiet = 100 * time.Millisecond

// MaxWait bounds how long a never-ending burst (a file rewritten again and
// again) can hold the reload back.
const MaxWait = time.Second

// debouncer turns bursts of events into single calls. Its clock is
// injected so that tests decide when time passes.
type debouncer struct {
	quiet, maxWait time.Duration
	// after is time.After, or a test's fake.
	after func(time.Duration) <-chan time.Time
}

// run calls fire once events has been quiet for d.quiet after an event,
// or d.maxWait after the first event of a burst, whichever comes first,
// until ctx ends or events is closed.
func (d debouncer) run(ctx context.Context, events <-chan struct{}, fire func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-events:
			if !ok {
				return
			}
		}
		limit := d.after(d.maxWait)
		quiet := d.after(d.quiet)
	burst:
		for {
			select {
			case <-ctx.Done():
				return
			case _, ok := <-events:
				if !ok {
					return
				}
				quiet = d.after(d.quiet)
			case <-quiet:
				break burst
			case <-limit:
				break burst
			}
		}
		fire()
	}
}

// watcher watches the folders that hold the files a snapshot was read
// from. Folders, not files: an editor that saves by writing a temporary
// file and renaming it over the original replaces the file, and a watch on
// the old file would see it go and then nothing more.
type watcher struct {
	w       *fsnotify.Watcher
	mu      sync.Mutex // guards folders and files: set and run are different goroutines
	folders map[string]bool
	// files are the watched files' absolute paths; an event about any
	// other name counts only when it could be a new strategy file.
	files map[string]bool
}

func newWatcher() (*watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	return &watcher{w: w, folders: map[string]bool{}, files: map[string]bool{}}, nil
}

// set watches the folders of files (absolute paths), adding any new
// ones. Folders no longer needed stay watched: they cost little, and a
// strategy that is broken halfway through an edit may need them again.
// A folder whose watch ended because it was removed or moved away (a
// branch switched, a folder moved aside) is watched again; one that is
// missing is watched through its nearest existing parent, where its
// return shows as a new folder. added reports that a folder is watched
// that was not before: a change in it between the read and the watch was
// not seen.
func (w *watcher) set(files []string) (added bool, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	live := map[string]bool{}
	for _, p := range w.w.WatchList() {
		live[p] = true
	}
	var first error
	for _, f := range files {
		w.files[f] = true
		for dir := filepath.Dir(f); !live[dir]; {
			err := w.w.Add(dir)
			if err == nil {
				live[dir], w.folders[dir] = true, true
				added = true
				break
			}
			up := filepath.Dir(dir)
			if !errors.Is(err, fs.ErrNotExist) || up == dir {
				if first == nil {
					first = err
				}
				break
			}
			dir = up
		}
	}
	return added, first
}

// relevant reports whether an event may change what the preview shows:
// any change to a file read or to a watched folder, the creation, change
// or removal of a YAML file beside them (an include pattern may match it),
// and a new folder. A change of mode only, an editor's swap and backup
// files and the like do not count.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	name := filepath.Clean(ev.Name)
	w.mu.Lock()
	known := w.files[name]
	folder := w.folders[name]
	w.mu.Unlock()
	if known || folder {
		// A watched folder removed, moved or back again counts too: the
		// files in it went or came with it.
		return true
	}
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") {
		return false
	}
	if ev.Has(fsnotify.Create) {
		// A new folder may be one the strategy reads from, back (a
		// missing folder is watched through its parent).
		if fi, err := os.Lstat(name); err == nil && fi.IsDir() {
			return true
		}
	}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

// run sends on changed (without blocking: one pending change is enough)
// for every relevant event, until ctx ends.
func (w *watcher) run(ctx context.Context, changed chan<- struct{}, onError func(error)) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			if w.relevant(ev) {
				select {
				case changed <- struct{}{}:
				default:
				}
			}
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			onError(err)
		}
	}
}

func (w *watcher) close() error { return w.w.Close() }
