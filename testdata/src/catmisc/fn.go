package catmisc // want package:"hasWrites"

import (
	"context"
	"net/http"
	"time"

	"cloud.google.com/go/storage"
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/cloudevents/sdk-go/v2/event"
	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
)

var (
	rdb   = redis.NewClient(&redis.Options{Addr: "cache:6379"})
	iface redis.Cmdable
	gcs   *storage.Client
	conn  *grpc.ClientConn
)

func init() {
	gcs, _ = storage.NewClient(context.Background())
	conn, _ = grpc.NewClient("backend:443")
	iface = rdb
	functions.HTTP("Serve", serve)
	functions.CloudEvent("OnEvent", onEvent)
}

func serve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	user := r.Header.Get("X-User")
	rdb.Get(ctx, "config")                // want `rdb.Get\(ctx, "config"\) can be prefetched before serve runs \(fetch #0\)`
	rdb.HGetAll(ctx, "flags")             // want `fetch #1`
	rdb.MGet(ctx, "a", "b")               // want `fetch #2`
	rdb.Get(ctx, "user:"+user)            // want `rdb.Get\(.*\) can have its connection to rdb opened before serve runs \(warm #3\)`
	rdb.Set(ctx, "seen", user, time.Hour) // want `warm #4`
	rdb.Incr(ctx, "hits")                 // want `warm #5`
	iface.Get(ctx, "config")              // want `fetch #6`

	obj := gcs.Bucket("models").Object("m.bin")
	obj.NewReader(ctx)                                              // want `fetch #7`
	gcs.Bucket("models").Object("m.bin").NewRangeReader(ctx, 0, 10) // want `fetch #8`
	gcs.Bucket("models").Object("m.bin").Attrs(ctx)                 // want `fetch #9`
	gcs.Bucket("u").Object(user).NewReader(ctx)                     // reject `depends on parameter r`

	conn.Invoke(ctx, "/svc/Get", nil, nil)                // want `warm #10`
	conn.NewStream(ctx, &grpc.StreamDesc{}, "/svc/Watch") // want `warm #11`
}

func onEvent(ctx context.Context, e event.Event) error {
	rdb.Get(ctx, "config")         // want `before onEvent runs \(fetch #0\)`
	rdb.Get(ctx, string(e.Data())) // want `warm #1`
	return nil
}
