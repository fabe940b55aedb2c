namespace OpenLer.Server.Infrastructure.Observability;

/// <summary>
/// Where traces and metrics go (configuration section <c>OpenLer:Telemetry</c>). Nothing is exported unless
/// <see cref="OtlpEndpoint"/> is set: no exporter, no network, by default.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenLer:Telemetry";

    /// <summary>An OTLP collector, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>http://127.0.0.1:4318</c> with <see cref="Protocol"/> http/protobuf.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>The service name reported with every span and metric.</summary>
    public string ServiceName { get; set; } = "openler";
}
