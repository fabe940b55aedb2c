using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OpenLer.Server.Infrastructure.Observability;

namespace OpenLer.Server.Tests.Scale;

/// <summary>Listens to the app's meter (<see cref="OpenLerMetrics.MeterName"/>) of one app instance and sums each counter by its tags.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);

    public MetricsRecorder(object meterFactoryScope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Each app has its own IMeterFactory: listen to this app's meter only (its scope is that factory).
            if (instrument.Meter.Name == OpenLerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactoryScope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $";{t.Key}={t.Value}"));
            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="name"/> over the measurements whose tags include all of <paramref name="tags"/> (e.g. "outcome=verified").</summary>
    public long Sum(string name, params string[] tags) =>
        _sums.Where(e => e.Key.Split(';')[0] == name && tags.All(t => e.Key.Split(';').Contains(t, StringComparer.Ordinal))).Sum(e => e.Value);

    public void Dispose() => _listener.Dispose();
}
