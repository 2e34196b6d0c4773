package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	modver "golang.org/x/mod/module"

	"github.com/freshen-go/freshen/engine"
)

// versionInfo is what version reports, read from the binary's build
// information.
type versionInfo struct {
	Version string `json:"version"` // the module version, or "devel"
	Module  string `json:"module"`  // github.com/freshen-go/freshen
	// Replaced names the directory or module freshen was replaced with
	// when freshen-gen was built as a dependency of another module.
	Replaced    string `json:"replaced,omitempty"`
	Go          string `json:"go"`
	Source      bool   `json:"source_checkout"` // built from a checkout, not a release
	VCSRevision string `json:"vcs_revision,omitempty"`
	VCSTime     string `json:"vcs_time,omitempty"`
	VCSModified bool   `json:"vcs_modified,omitempty"`
}

// readVersion interprets build information: the main module when
// freshen-gen was built in its own module (go install, go build in a
// checkout), a dependency when another module built it (go tool).
func readVersion(bi *debug.BuildInfo, ok bool) versionInfo {
	v := versionInfo{Version: "devel", Module: engine.ModulePath, Source: true}
	if !ok || bi == nil {
		return v
	}
	v.Go = bi.GoVersion
	m := &bi.Main
	if m.Path != engine.ModulePath {
		for _, d := range bi.Deps {
			if d.Path == engine.ModulePath {
				m = d
				break
			}
		}
	}
	ver := m.Version
	if m.Replace != nil {
		v.Replaced = m.Replace.Path
		if m.Replace.Version != "" {
			v.Replaced += "@" + m.Replace.Version
		}
		ver = m.Replace.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.VCSRevision = s.Value
		case "vcs.time":
			v.VCSTime = s.Value
		case "vcs.modified":
			v.VCSModified = s.Value == "true"
		}
	}
	// A release is a plain semantic version; go build in a checkout
	// stamps a pseudo-version (+dirty when modified) or "(devel)".
	base := strings.TrimSuffix(ver, "+dirty")
	if ver != "" && ver != "(devel)" && !modver.IsPseudoVersion(base) && base == ver {
		v.Version, v.Source = ver, false
		return v
	}
	if ver != "" && ver != "(devel)" {
		v.Version = ver
	}
	if strings.HasSuffix(ver, "+dirty") {
		v.VCSModified = true
	}
	if v.VCSRevision == "" && modver.IsPseudoVersion(base) {
		if rev, err := modver.PseudoVersionRev(base); err == nil {
			v.VCSRevision = rev
		}
	}
	return v
}

// text is the one line version prints.
func (v versionInfo) text() string {
	where := fmt.Sprintf("module %s", v.Module)
	if !v.Source {
		where += " " + v.Version
	}
	if v.Replaced != "" {
		where += ", replaced by " + v.Replaced
	}
	if v.Go != "" {
		where += ", " + v.Go
	}
	if !v.Source {
		return fmt.Sprintf("freshen-gen %s (%s)", v.Version, where)
	}
	s := "freshen-gen " + v.Version + ": built from a source checkout"
	switch {
	case v.VCSRevision != "":
		rev := v.VCSRevision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += ", vcs revision " + rev
		if v.VCSTime != "" {
			s += " (" + v.VCSTime + ")"
		}
		if v.VCSModified {
			s += ", modified"
		}
	default:
		s += " without version control information"
	}
	return s + " (" + where + ")"
}

func newVersionCmd() *cobra.Command {
	var out output
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of freshen-gen and how it was built",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := out.get()
			if err != nil {
				return err
			}
			v := readVersion(debug.ReadBuildInfo())
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), v)
			}
			fmt.Fprintln(cmd.OutOrStdout(), v.text())
			return nil
		},
	}
	out.flags(cmd, "text", "json")
	// The loading flags every other command inherits do not apply here.
	cmd.SetUsageTemplate(strings.Replace(cmd.UsageTemplate(), "{{if .HasAvailableInheritedFlags}}", "{{if false}}", 1))
	return cmd
}
