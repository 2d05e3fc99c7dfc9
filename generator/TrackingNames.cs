namespace Atlas.Codegen;

/// <summary>Names of the pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Options = nameof(Options);
    public const string Model = nameof(Model);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Outputs = nameof(Outputs);
    public const string Types = nameof(Types);
    public const string Context = nameof(Context);
    public const string Client = nameof(Client);
    public const string Capabilities = nameof(Capabilities);
    public const string Registration = nameof(Registration);
}
