package chain

import (
	"encoding/json"
	"fmt"
	"strings"
)

// aslMachine is the part of an Amazon States Language definition the chain
// reader needs.
type aslMachine struct {
	Comment string              `json:"Comment"`
	StartAt string              `json:"StartAt"`
	States  map[string]aslState `json:"States"`
}

type aslState struct {
	Type       string          `json:"Type"`
	Resource   string          `json:"Resource"`
	Next       string          `json:"Next"`
	End        bool            `json:"End"`
	Parameters json.RawMessage `json:"Parameters"`
}

// ParseASL reads the linear prefix of a state machine: from StartAt, it
// follows Next through Task, Pass and Wait states and stops at the first
// state that branches or ends (Choice, Parallel, Map, Succeed, Fail, End).
// Past a branch the next function is not known, and freshening a guess
// would be paying for a misprediction on purpose.
//
// A Task whose Resource is a Lambda function ARN, or the
// arn:aws:states:::lambda:invoke integration with a constant FunctionName,
// becomes a step with a Lambda trigger; other Tasks become steps without a
// trigger, since they still take time. Pass and Wait states add lead time
// but are not steps.
func ParseASL(data []byte, opts Options) (*Chain, error) {
	var m aslMachine
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("chain: state machine: %w", err)
	}
	if m.StartAt == "" || len(m.States) == 0 {
		return nil, fmt.Errorf("chain: state machine has no StartAt or States")
	}
	spec := Spec{Name: m.Comment, Lookahead: opts.Lookahead}
	seen := map[string]bool{}
	for name := m.StartAt; name != ""; {
		if seen[name] {
			break // a loop: the linear part ends where it closes
		}
		seen[name] = true
		st, ok := m.States[name]
		if !ok {
			return nil, fmt.Errorf("chain: state machine: state %q does not exist", name)
		}
		switch st.Type {
		case "Task":
			step := StepSpec{Name: name}
			if fn := aslLambdaFunction(st); fn != "" {
				step.Lambda = &LambdaSpec{Function: fn}
			}
			spec.Steps = append(spec.Steps, step)
		case "Pass", "Wait":
		default:
			name = ""
			continue
		}
		if st.End {
			break
		}
		name = st.Next
	}
	if len(spec.Steps) == 0 {
		return nil, fmt.Errorf("chain: state machine has no Task before its first branch")
	}
	return spec.Build(opts)
}

// aslLambdaFunction returns the function a Task invokes, or "" when it is
// not a Lambda function or the name is only known at run time.
func aslLambdaFunction(st aslState) string {
	r := st.Resource
	if strings.HasPrefix(r, "arn:") && strings.Contains(r, ":lambda:") && strings.Contains(r, ":function:") {
		return r
	}
	// Optimised integration; ".waitForTaskToken" still invokes the function.
	if strings.HasPrefix(r, "arn:") && strings.Contains(r, ":states:::lambda:invoke") {
		var p struct {
			FunctionName string `json:"FunctionName"`
		}
		if len(st.Parameters) > 0 && json.Unmarshal(st.Parameters, &p) == nil {
			return p.FunctionName // "FunctionName.$" (a path) leaves this empty
		}
	}
	return ""
}
