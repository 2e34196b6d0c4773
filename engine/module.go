package engine

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// ModulePath is the module the rewritten code needs.
const ModulePath = "github.com/freshen-go/freshen"

// ModuleNeed is a module whose packages use the runtime after the changes.
type ModuleNeed struct {
	Dir  string // directory of its go.mod
	Path string // module path
	// Required says go.mod already requires ModulePath.
	Required bool
	// Replaced says go.mod replaces ModulePath (a local checkout, a
	// fork), so a requirement of any version resolves through it.
	Replaced bool
}

// RuntimeNeeds lists the modules of pcs whose packages use the runtime
// after the changes, in directory order, and whether each requires it.
func RuntimeNeeds(pcs []*PackageChanges) ([]ModuleNeed, error) {
	mods := map[string]string{} // module dir -> module path
	for _, pc := range pcs {
		m := pc.Package.Module
		if pc.Plan == nil || !pc.Plan.Applied() || m == nil || m.Path == ModulePath || m.GoMod == "" {
			continue
		}
		mods[filepath.Dir(m.GoMod)] = m.Path
	}
	dirs := make([]string, 0, len(mods))
	for d := range mods {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var out []ModuleNeed
	for _, dir := range dirs {
		need := ModuleNeed{Dir: dir, Path: mods[dir]}
		if err := readGoMod(&need); err != nil {
			return nil, err
		}
		out = append(out, need)
	}
	return out, nil
}

// ModuleAt is the main module whose go.mod governs dir, with what its
// go.mod says about ModulePath; ok is false outside a module. env is the
// go command's environment (nil: this process's).
func ModuleAt(dir string, env []string) (need ModuleNeed, ok bool, err error) {
	c := exec.Command("go", "env", "GOMOD")
	c.Dir, c.Env = dir, env
	out, err := c.Output()
	if err != nil {
		return ModuleNeed{}, false, fmt.Errorf("go env GOMOD in %s: %w", dir, err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return ModuleNeed{}, false, nil
	}
	need = ModuleNeed{Dir: filepath.Dir(gomod)}
	if err := readGoMod(&need); err != nil {
		return ModuleNeed{}, false, err
	}
	return need, true, nil
}

// Commands are what to run in the module's directory to add the
// requirement when go.mod replaces ModulePath (a local clone): a
// requirement the replace serves, then go mod tidy, which records the
// runtime's own requirements and go.sum entries. Without a replace
// there is nothing to run here: freshen has no tagged release yet, so a
// requirement needs a replace to a local clone first (ReplaceCommand).
func (m ModuleNeed) Commands() [][]string {
	if !m.Replaced {
		return nil
	}
	return [][]string{{"go", "mod", "edit", "-require=" + ModulePath + "@v0.0.0"}, {"go", "mod", "tidy"}}
}

// ReplaceCommand is what to run in a module whose go.mod neither
// requires nor replaces ModulePath, with the path of a local clone of
// freshen in place of clone: there is no tagged release to require yet.
func ReplaceCommand(clone string) string {
	return fmt.Sprintf("go mod edit -replace=%s=%s -require=%s@v0.0.0 && go mod tidy", ModulePath, clone, ModulePath)
}

// readGoMod fills in whether the go.mod in need.Dir requires and
// replaces the runtime module.
func readGoMod(need *ModuleNeed) error {
	gomod := filepath.Join(need.Dir, "go.mod")
	c := exec.Command("go", "mod", "edit", "-json", gomod)
	c.Dir = need.Dir
	out, err := c.Output()
	if err != nil {
		return fmt.Errorf("reading %s: %w", gomod, err)
	}
	var mf struct {
		Module  struct{ Path string }
		Require []struct{ Path string }
		Replace []struct{ Old struct{ Path string } }
	}
	if err := json.Unmarshal(out, &mf); err != nil {
		return fmt.Errorf("reading %s: %w", gomod, err)
	}
	if need.Path == "" {
		need.Path = mf.Module.Path
	}
	for _, r := range mf.Require {
		need.Required = need.Required || r.Path == ModulePath
	}
	for _, r := range mf.Replace {
		need.Replaced = need.Replaced || r.Old.Path == ModulePath
	}
	return nil
}
