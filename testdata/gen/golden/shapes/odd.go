package shapes
import ("net/http"
	"fmt"; "github.com/freshen-go/freshen/fr")
const page="http://cms.internal/home"
//freshen:handler
func   Page(w http.ResponseWriter,r *http.Request){
	resp,err:=fr.FrFetch(r.Context(), frPage, frPage0, func() (*http.Response, error) { return http.Get(page) })   // not gofmt-clean: only this call changes
	if err!=nil {return}
	fmt.Fprintln(w,resp.Status)
}
