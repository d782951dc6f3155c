package git

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParseAddedLines(t *testing.T) {
	diff := []byte(`diff --git a/s.yaml b/s.yaml
index 1..2 100644
--- a/s.yaml
+++ b/s.yaml
@@ -3 +3 @@ brand:
-  timezone: Oslo
+  timezone: Europe/Oslo
@@ -10,0 +11,2 @@
+a
+b
@@ -20,2 +21,0 @@
-gone
-gone
diff --git a/gone.yaml b/gone.yaml
deleted file mode 100644
--- a/gone.yaml
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git "a/p\303\270.yaml" "b/p\303\270.yaml"
--- "a/p\303\270.yaml"
+++ "b/p\303\270.yaml"
@@ -1 +1 @@
-a
+b
`)
	want := map[string][]LineRange{
		"s.yaml":  {{3, 3}, {11, 12}},
		"pø.yaml": {{1, 1}},
	}
	if got := parseAddedLines(diff); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestAddedLines(t *testing.T) {
	dir, git := newRepo(t)
	write(t, filepath.Join(dir, "s.yaml"), "a\nb\nc\nd\n")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	base := git("rev-parse", "HEAD")
	write(t, filepath.Join(dir, "s.yaml"), "a\nB\nc\nd\ne\n")
	git("commit", "-q", "-am", "two")
	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.AddedLines(context.Background(), base, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string][]LineRange{"s.yaml": {{2, 2}, {5, 5}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("committed: %v, want %v", got, want)
	}
	write(t, filepath.Join(dir, "new.yaml"), "x\n")
	got, err = r.AddedLines(context.Background(), base, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := []LineRange{{1, math.MaxInt}}; !reflect.DeepEqual(got["new.yaml"], want) {
		t.Errorf("untracked: %v", got)
	}
}
