// The .NET example: an ASP.NET Core minimal API with no NuGet packages.
// GET / answers "hello from dotnet\n", GET /healthz answers 200. Kestrel
// listens on ASPNETCORE_HTTP_PORTS (8080 in the image), or on PORT when set.
// SIGTERM (docker stop) stops the host gracefully and exits 0.
//
// "hello-dotnet --healthcheck" is the image's health probe: the chiseled
// runtime image has no shell and no HTTP client, so the app probes itself.
using System.Net.Http;

if (args.Contains("--healthcheck"))
{
    var port = Environment.GetEnvironmentVariable("PORT")
        ?? Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';')[0]
        ?? "8080";
    using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    try
    {
        using var res = await client.GetAsync($"http://127.0.0.1:{port}/healthz");
        return res.IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception)
    {
        return 1;
    }
}

var builder = WebApplication.CreateSlimBuilder(args);
if (Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } p)
{
    builder.WebHost.UseUrls($"http://0.0.0.0:{p}");
}
var app = builder.Build();

app.MapGet("/", () => Results.Text("hello from dotnet\n", "text/plain; charset=utf-8"));
app.MapGet("/healthz", () => Results.Ok());

await app.RunAsync();
return 0;
