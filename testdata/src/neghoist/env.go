package main

import (
	"database/sql"
	"net/http"
	"os"
	"syscall"

	"github.com/aws/aws-sdk-go-v2/config"

	"envlib"
)

// A handler that changes the process environment, directly or through
// code of another package, keeps its constructors per invocation: what
// they build may depend on the environment.

func envSyscall(w http.ResponseWriter, r *http.Request) {
	syscall.Setenv("AWS_REGION", r.Header.Get("X-Region"))
	cfg, _ := config.LoadDefaultConfig(r.Context()) // reject `^the handler calls syscall.Setenv, and what the constructor builds may depend on the environment \(env.go:19\)$`
	_ = cfg
}

func envSyscallUnset(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "") // reject `^the handler calls syscall.Unsetenv, and what the constructor builds may depend on the environment \(env.go:28\)$`
	_ = db
	if r.URL.Path == "/" {
		syscall.Unsetenv("PGHOST")
	}
}

func envSyscallClear(w http.ResponseWriter, r *http.Request) {
	defer syscall.Clearenv()
	db, _ := sql.Open("postgres", "") // reject `^the handler calls syscall.Clearenv, and what the constructor builds may depend on the environment \(env.go:33\)$`
	_ = db
}

func envOSClear(w http.ResponseWriter, r *http.Request) {
	go os.Clearenv()
	db, _ := sql.Open("postgres", "") // reject `^the handler calls os.Clearenv, and what the constructor builds may depend on the environment \(env.go:39\)$`
	_ = db
}

func envOtherPackage(w http.ResponseWriter, r *http.Request) {
	envlib.UseRegion(r.Header.Get("X-Region"))
	cfg, _ := config.LoadDefaultConfig(r.Context()) // reject `^the handler calls envlib.UseRegion, which calls os.Setenv, and what the constructor builds may depend on the environment \(env.go:45\)$`
	_ = cfg
}

func envOtherPackageHelper(w http.ResponseWriter, r *http.Request) {
	reset()
	db, _ := sql.Open("postgres", "") // reject `^the handler calls envlib.Reset, which calls syscall.Clearenv, and what the constructor builds may depend on the environment \(env.go:56\)$`
	_ = db
}

func reset() { envlib.Reset() }

func envOtherPackageMethod(w http.ResponseWriter, r *http.Request) {
	t := &envlib.Tenant{Name: r.Header.Get("X-Tenant")}
	t.Use()
	db, _ := sql.Open("postgres", "") // reject `^the handler calls envlib.\(\*Tenant\).Use, which calls os.Setenv, and what the constructor builds may depend on the environment \(env.go:60\)$`
	_ = db
}

func envOtherPackageValue(w http.ResponseWriter, r *http.Request) {
	use := envlib.UseRegion
	use(r.Header.Get("X-Region"))
	cfg, _ := config.LoadDefaultConfig(r.Context()) // reject `^the handler calls envlib.UseRegion, which calls os.Setenv, and what the constructor builds may depend on the environment \(env.go:66\)$`
	_ = cfg
}
