package chain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// OpenWhiskTrigger invokes an OpenWhisk action without blocking, with the
// __freshen parameter that fr/frow recognises. The platform answers 202
// with an activation id at once; the freshen runs as its own activation.
type OpenWhiskTrigger struct {
	APIHost   string // e.g. https://openwhisk.example.com
	Namespace string // "_" for the caller's own
	Action    string // "name" or "package/name"
	Handler   string // empty: every handler of the action
	Auth      string // "uuid:key"
	Client    *http.Client
}

func (t *OpenWhiskTrigger) String() string { return "openwhisk " + t.Action }

func newOpenWhiskTrigger(s OpenWhiskSpec, opts Options) (*OpenWhiskTrigger, error) {
	if s.Action == "" {
		return nil, errors.New("openwhisk trigger: no action")
	}
	if s.APIHost == "" {
		s.APIHost = opts.getenv("__OW_API_HOST")
	}
	if s.APIHost == "" {
		return nil, errors.New("openwhisk trigger: no apihost and __OW_API_HOST is unset")
	}
	if !strings.Contains(s.APIHost, "://") {
		s.APIHost = "https://" + s.APIHost // how wsk writes it
	}
	if s.Namespace == "" {
		s.Namespace = "_"
	}
	if s.AuthEnv == "" {
		s.AuthEnv = "__OW_API_KEY"
	}
	auth := opts.getenv(s.AuthEnv)
	if !strings.Contains(auth, ":") {
		return nil, fmt.Errorf("openwhisk trigger: %s does not hold an API key (uuid:key)", s.AuthEnv)
	}
	return &OpenWhiskTrigger{APIHost: strings.TrimSuffix(s.APIHost, "/"), Namespace: s.Namespace, Action: s.Action,
		Handler: s.Handler, Auth: auth, Client: opts.HTTPClient}, nil
}

// Fire implements Trigger.
func (t *OpenWhiskTrigger) Fire(ctx context.Context) error {
	path := "/api/v1/namespaces/" + url.PathEscape(t.Namespace) + "/actions"
	for _, seg := range strings.Split(t.Action, "/") {
		path += "/" + url.PathEscape(seg)
	}
	var param any = true
	if t.Handler != "" {
		param = t.Handler
	}
	body, err := json.Marshal(map[string]any{"__freshen": param})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.APIHost+path+"?blocking=false", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("freshen openwhisk %s: %w", t.Action, err)
	}
	user, key, _ := strings.Cut(t.Auth, ":")
	req.SetBasicAuth(user, key)
	req.Header.Set("Content-Type", "application/json")
	c := t.Client
	if c == nil {
		c = defaultHTTPClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("freshen openwhisk %s: %w", t.Action, err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("freshen openwhisk %s: %s: %s", t.Action, resp.Status, firstLine(msg))
	}
	return nil
}
