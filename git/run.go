package git

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// run runs git in dir and returns its output; the error carries git's own
// message.
func run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, gitError(err, stderr.Bytes())
	}
	return out, nil
}

// gitError words a failed git command: git's message on one line, or that
// git is missing.
func gitError(err error, stderr []byte) error {
	if errors.Is(err, exec.ErrNotFound) {
		return errors.New("git is not installed")
	}
	if msg := strings.TrimSpace(string(stderr)); msg != "" {
		return fmt.Errorf("git: %s", strings.ReplaceAll(msg, "\n", "; "))
	}
	return fmt.Errorf("git: %v", err)
}
