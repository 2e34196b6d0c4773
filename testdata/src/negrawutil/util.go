package negrawutil // want package:"hasWrites"

// negrawutil writes through io/ioutil only.

import "io/ioutil"

// Remember writes the last request.
func Remember(b []byte) { ioutil.WriteFile("/mnt/efs/last.json", b, 0o644) } // want Remember:`writes\(file /mnt/efs/last.json\)`
