import Histogram
import Synchronization

/// Latencies from many connections' event loops, in an HDR histogram (microseconds, 1 µs to 5 minutes, three
/// significant digits): recording costs a lock and a few instructions, whatever the count.
final class LatencyRecorder: Sendable {
    private let histogram = Mutex(Histogram<UInt64>(highestTrackableValue: 300_000_000))

    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let micros = UInt64(clamping: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        histogram.withLock { _ = $0.record(min(max(micros, 1), 300_000_000)) }
    }

    /// The percentiles, in milliseconds; nil when nothing was recorded.
    var summary: MQTTBenchReport.Latency? {
        histogram.withLock { histogram in
            guard histogram.totalCount > 0 else { return nil }
            let ms = { (value: UInt64) in Double(value) / 1000 }
            return MQTTBenchReport.Latency(
                p50: ms(histogram.valueAtPercentile(50)), p90: ms(histogram.valueAtPercentile(90)),
                p99: ms(histogram.valueAtPercentile(99)), max: ms(histogram.max), mean: histogram.mean / 1000,
                samples: Int(histogram.totalCount))
        }
    }
}
