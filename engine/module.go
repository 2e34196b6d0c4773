package engine

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
)

// ModulePath is the module the rewritten code needs.
const ModulePath = "github.com/freshen-go/freshen"

// ModuleNeed is a module whose packages use the runtime after the changes.
type ModuleNeed struct {
	Dir  string // directory of its go.mod
	Path string // module path
	// Required says go.mod already requires ModulePath.
	Required bool
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
		ok, err := requires(dir)
		if err != nil {
			return nil, err
		}
		out = append(out, ModuleNeed{Dir: dir, Path: mods[dir], Required: ok})
	}
	return out, nil
}

// requires reports whether the go.mod in dir requires the runtime module.
func requires(dir string) (bool, error) {
	c := exec.Command("go", "mod", "edit", "-json", filepath.Join(dir, "go.mod"))
	c.Dir = dir
	out, err := c.Output()
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", filepath.Join(dir, "go.mod"), err)
	}
	var mf struct {
		Require []struct{ Path string }
	}
	if err := json.Unmarshal(out, &mf); err != nil {
		return false, fmt.Errorf("reading %s: %w", filepath.Join(dir, "go.mod"), err)
	}
	for _, r := range mf.Require {
		if r.Path == ModulePath {
			return true, nil
		}
	}
	return false, nil
}
