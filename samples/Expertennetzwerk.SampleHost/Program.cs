using Expertennetzwerk.SampleHost;

// The sample CRM host: migrates its database, seeds the demo network once and serves http://127.0.0.1:5080/api/summary.
var app = SampleHostApp.Build(args);
await SampleHostApp.PrepareAsync(app.Services);
await app.RunAsync();
