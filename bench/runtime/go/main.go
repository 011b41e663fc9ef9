// The Go SDK v2 side of bench/run: CreateBucket, then N x PutObject (1 KiB),
// GetObject and HeadObject on one keep-alive connection against the endpoint
// in STRATUS_TEST_S3RVER_ENDPOINT. Prints one JSON line (see ../README.md).
//
// Built offline from Debian's sources (golang-github-aws-aws-sdk-go-v2-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o s3bench ./bench/runtime/go
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

var start = time.Now() // package initialisation of the SDK runs before this

type opResult struct {
	CPUus  float64 `json:"cpu_us"`
	WallUs float64 `json:"wall_us"`
}

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		fail("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "go: "+format+"\n", args...)
	os.Exit(1)
}

func envInt(name string, def int) int {
	if v := os.Getenv(name); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			fail("%s=%q is not a count", name, v)
		}
		return n
	}
	return def
}

// body returns the 1 KiB object stored under key i: distinct per key, so a
// GET that returns the wrong object is caught.
func body(i int) []byte {
	b := make([]byte, 1024)
	tag := fmt.Sprintf("object-%08d;", i)
	for j := range b {
		b[j] = tag[j%len(tag)]
	}
	return b
}

func key(prefix string, i int) string { return fmt.Sprintf("%s/%08d", prefix, i) }

func main() {
	endpoint := os.Getenv("STRATUS_TEST_S3RVER_ENDPOINT")
	if endpoint == "" {
		fail("STRATUS_TEST_S3RVER_ENDPOINT is not set (run through bench/run)")
	}
	n := envInt("BENCH_N", 1000)
	if n == 0 {
		fail("BENCH_N must be at least 1")
	}
	warmup := envInt("BENCH_WARMUP", 20)
	bucket := os.Getenv("BENCH_BUCKET")
	if bucket == "" {
		bucket = "bench-go"
	}
	ctx := context.Background()

	// One connection: sequential calls reuse it; MaxConnsPerHost makes that explicit.
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxConnsPerHost = 1
		t.MaxIdleConnsPerHost = 1
	})
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("us-east-1"),
		// s3rver's built-in key pair: it checks the key id exists.
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("S3RVER", "S3RVER", "")),
		config.WithHTTPClient(httpClient))
	if err != nil {
		fail("config: %v", err)
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = true
		// This SDK release predates Options.BaseEndpoint; a URL resolver is its equivalent.
		o.EndpointResolver = s3.EndpointResolverFromURL(endpoint)
	})
	startupMs := float64(time.Since(start).Nanoseconds()) / 1e6
	readyUnixNs := time.Now().UnixNano()

	t := time.Now()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		fail("CreateBucket: %v", err)
	}
	firstCallMs := float64(time.Since(t).Nanoseconds()) / 1e6

	put := func(prefix string, i int) {
		_, err := client.PutObject(ctx, &s3.PutObjectInput{
			Bucket: aws.String(bucket), Key: aws.String(key(prefix, i)), Body: bytes.NewReader(body(i))})
		if err != nil {
			fail("PutObject %s: %v", key(prefix, i), err)
		}
	}
	get := func(prefix string, i int) {
		out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key(prefix, i))})
		if err != nil {
			fail("GetObject %s: %v", key(prefix, i), err)
		}
		got, err := io.ReadAll(out.Body)
		out.Body.Close()
		if err != nil {
			fail("GetObject %s: reading the body: %v", key(prefix, i), err)
		}
		if !bytes.Equal(got, body(i)) {
			fail("GetObject %s: body differs from what was put (%d bytes)", key(prefix, i), len(got))
		}
	}
	head := func(prefix string, i int) {
		out, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key(prefix, i))})
		if err != nil {
			fail("HeadObject %s: %v", key(prefix, i), err)
		}
		if out.ContentLength != 1024 {
			fail("HeadObject %s: Content-Length %d, want 1024", key(prefix, i), out.ContentLength)
		}
	}

	// Warm-up on keys of their own, not measured.
	for _, op := range []func(string, int){put, get, head} {
		for i := 0; i < warmup; i++ {
			op("warmup", i)
		}
	}
	measure := func(op func(string, int)) opResult {
		c0, w0 := cpuNow(), time.Now()
		for i := 0; i < n; i++ {
			op("obj", i)
		}
		wall, cpu := time.Since(w0), cpuNow()-c0
		return opResult{CPUus: float64(cpu.Nanoseconds()) / 1e3 / float64(n), WallUs: float64(wall.Nanoseconds()) / 1e3 / float64(n)}
	}
	ops := map[string]opResult{}
	ops["put"] = measure(put)
	ops["get"] = measure(get)
	ops["head"] = measure(head)

	line, _ := json.Marshal(map[string]any{
		"client": "go", "sdk": aws.SDKName + " " + aws.SDKVersion + " (" + runtime.Version() + ")", "n": n, "warmup": warmup,
		"startup_ms": startupMs, "first_call_ms": firstCallMs, "ready_unix_ns": readyUnixNs, "ops": ops})
	fmt.Println(string(line))
}
