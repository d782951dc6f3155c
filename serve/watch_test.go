package serve

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// fakeClock hands out timers that fire only when the test says so.
type fakeClock struct {
	mu     sync.Mutex
	timers []fakeTimer
	asked  chan time.Duration
}

type fakeTimer struct {
	d  time.Duration
	ch chan time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{asked: make(chan time.Duration, 100)} }

func (c *fakeClock) after(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	c.timers = append(c.timers, fakeTimer{d, ch})
	c.mu.Unlock()
	c.asked <- d
	return ch
}

// fire fires the latest timer of duration d.
func (c *fakeClock) fire(t *testing.T, d time.Duration) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.timers) - 1; i >= 0; i-- {
		if c.timers[i].d == d {
			c.timers[i].ch <- time.Time{}
			return
		}
	}
	t.Fatalf("no %v timer was started", d)
}

// fireStale fires every timer of duration d but the latest.
func (c *fakeClock) fireStale(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	last := -1
	for i := range c.timers {
		if c.timers[i].d == d {
			last = i
		}
	}
	for i := range c.timers {
		if c.timers[i].d == d && i != last {
			c.timers[i].ch <- time.Time{}
		}
	}
}

// waitAsked waits until the debouncer has asked for n more timers.
func (c *fakeClock) waitAsked(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-c.asked:
		case <-time.After(10 * time.Second):
			t.Fatal("the debouncer did not start a timer")
		}
	}
}

func TestDebounce(t *testing.T) {
	const quiet, maxWait = 100 * time.Millisecond, time.Second
	clock := newFakeClock()
	events := make(chan struct{})
	fired := make(chan int, 10)
	n := 0
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		debouncer{quiet: quiet, maxWait: maxWait, after: clock.after}.run(ctx, events, func() { n++; fired <- n })
	}()
	noFire := func(why string) {
		t.Helper()
		select {
		case <-fired:
			t.Fatalf("fired %s", why)
		case <-time.After(20 * time.Millisecond):
		}
	}
	mustFire := func(want int) {
		t.Helper()
		select {
		case got := <-fired:
			if got != want {
				t.Fatalf("fire %d, want %d", got, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("did not fire")
		}
	}

	// A burst of five events: each restarts the quiet timer; the earlier
	// quiet timers, had they fired, would end nothing.
	events <- struct{}{}
	clock.waitAsked(t, 2) // max wait, quiet
	for range 4 {
		events <- struct{}{}
		clock.waitAsked(t, 1)
	}
	noFire("before the burst went quiet")
	clock.fire(t, quiet)
	mustFire(1)
	noFire("twice for one burst")

	// A stale quiet timer of an event before the last does not end the
	// burst early.
	events <- struct{}{}
	clock.waitAsked(t, 2)
	events <- struct{}{}
	clock.waitAsked(t, 1)
	clock.fireStale(quiet)
	noFire("on a stale quiet timer")
	clock.fire(t, quiet)
	mustFire(2)

	// Events that never stop still reload once the longest wait is up.
	events <- struct{}{}
	clock.waitAsked(t, 2)
	for range 3 {
		events <- struct{}{}
		clock.waitAsked(t, 1)
	}
	clock.fire(t, maxWait)
	mustFire(3)

	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the debouncer did not stop when its context ended")
	}
}

func TestDebounceStopsWhenEventsClose(t *testing.T) {
	events := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		debouncer{quiet: time.Hour, maxWait: time.Hour, after: time.After}.run(context.Background(), events, func() { t.Error("fired without events") })
	}()
	close(events)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the debouncer did not stop when its events closed")
	}
}

func TestWatcherRelevant(t *testing.T) {
	dir := t.TempDir()
	w, err := newWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	main := filepath.Join(dir, "strategy.yaml")
	posts := filepath.Join(dir, "history", "posts.csv")
	if _, err := w.set([]string{main, posts}); err != nil {
		// history/ does not exist: the error says so, the rest is watched.
		if !w.folders[dir] {
			t.Fatalf("the strategy's folder is not watched: %v", err)
		}
	}
	for _, d := range []string{"personas", ".git"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		op   fsnotify.Op
		want bool
	}{
		{main, fsnotify.Write, true},
		{main, fsnotify.Create, true}, // renamed over by an editor
		{main, fsnotify.Remove, true},
		{main, fsnotify.Rename, true},
		{main, fsnotify.Chmod, false},
		{posts, fsnotify.Write, true},
		{filepath.Join(dir, "personas", "new.yaml"), fsnotify.Create, true}, // an include pattern may match it
		{filepath.Join(dir, "channels.YML"), fsnotify.Write, true},
		{filepath.Join(dir, ".strategy.yaml.swp"), fsnotify.Write, false},
		{filepath.Join(dir, "strategy.yaml~"), fsnotify.Write, false},
		{filepath.Join(dir, "4913"), fsnotify.Create, false}, // vim's probe
		{filepath.Join(dir, "notes.md"), fsnotify.Write, false},
		{dir, fsnotify.Remove, true}, // the watched folder went, and its files with it
		{dir, fsnotify.Rename, true},
		{filepath.Join(dir, "personas"), fsnotify.Create, true}, // a folder (back), which an include may read
		{filepath.Join(dir, ".git"), fsnotify.Create, false},
		{filepath.Join(dir, "personas"), fsnotify.Write, false},
	} {
		if got := w.relevant(fsnotify.Event{Name: c.name, Op: c.op}); got != c.want {
			t.Errorf("%s %s: relevant %v, want %v", c.op, filepath.Base(c.name), got, c.want)
		}
	}
}
