// Command codegen-host serves the one LanguageRuntime call that `pulumi package gen-sdk` makes, GeneratePackage, for
// Go, Python and Node.js, with the code generators of github.com/pulumi/pulumi/pkg/v3 at the version the CLI in
// tools/pulumi-cli is built from.
//
// Why it exists: since v3.2xx the CLI does not generate SDKs itself; gen-sdk starts the language plugin
// (pulumi-language-go, -python, -nodejs, -dotnet) and asks it over gRPC. Those plugins are separate Go modules that the
// Go module proxy refuses here (403), so the engine suite puts this binary on PATH under the three plugin names (it
// picks its language from the name it was started as) and the real CLI drives it like the real plugin. What a real
// plugin does in GeneratePackage is this: bind the schema it is handed (loading dependencies such as aws through the
// CLI's schema loader service), run pkg/v3/codegen/<language>, write the files. .NET has no generator in pkg/v3 (it
// lives with pulumi-language-dotnet), so there is none here.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// generate runs one language's code generator over a bound package.
type generate func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error)

var generators = map[string]generate{
	"go": func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader) (map[string][]byte, error) {
		if len(req.GetExtraFiles()) > 0 {
			return nil, errors.New("overlays are not supported for Go")
		}
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	},
	"python": func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return pythongen.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	},
	"nodejs": func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return nodejsgen.GeneratePackage("pulumi-language-nodejs", pkg, req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
	},
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	language string
}

func (h *host) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *host) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}
	files, err := generators[h.language](pkg, req, loader)
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		target := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
			return nil, fmt.Errorf("creating the folder of %s: %w", name, err)
		}
		if err := os.WriteFile(target, data, 0o600); err != nil {
			return nil, fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return response, nil
}

func main() {
	language := strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-")
	if _, ok := generators[language]; !ok {
		fmt.Fprintf(os.Stderr, "codegen-host: started as %q; start it as pulumi-language-go, -python or -nodejs\n", os.Args[0])
		os.Exit(2)
	}
	cancel := make(chan bool)
	// The CLI passes its engine address as the last argument: stop when the CLI is gone.
	if len(os.Args) > 1 {
		engine := os.Args[len(os.Args)-1]
		go func() {
			ctx, stop := context.WithCancel(context.Background())
			if err := rpcutil.Healthcheck(ctx, engine, 5*time.Minute, stop); err == nil {
				<-ctx.Done()
			}
			close(cancel)
		}()
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(server *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(server, &host{language: language})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "codegen-host: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "codegen-host: %v\n", err)
		os.Exit(1)
	}
}
