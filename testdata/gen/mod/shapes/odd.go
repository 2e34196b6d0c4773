package shapes
import ("net/http"
	"fmt")
const page="http://cms.internal/home"
//freshen:handler
func   Page(w http.ResponseWriter,r *http.Request){
	resp,err:=http.Get(page)   // not gofmt-clean: only this call changes
	if err!=nil {return}
	fmt.Fprintln(w,resp.Status)
}
