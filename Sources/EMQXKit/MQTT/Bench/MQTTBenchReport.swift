/// What a load run measured: connections, messages, rates and latency percentiles.
public struct MQTTBenchReport: Sendable, Hashable {
    /// Latency percentiles, in milliseconds.
    public struct Latency: Sendable, Hashable {
        /// Half took at most this long.
        public var p50: Double
        /// 90% took at most this long.
        public var p90: Double
        /// 99% took at most this long.
        public var p99: Double
        /// The longest.
        public var max: Double
        /// The average.
        public var mean: Double
        /// How many measurements the percentiles are of.
        public var samples: Int
    }

    /// What was run.
    public var kind: MQTTBenchPlan.Kind
    /// Connections the broker accepted.
    public var connected: Int
    /// Connections that failed (refused, timed out, dropped).
    public var failed: Int
    /// Connections accepted per second, from the first attempt to the last CONNACK.
    public var connectionsPerSecond: Double
    /// CONNECT to CONNACK.
    public var connectLatency: Latency?
    /// Messages published (`pub`) or received (`sub`).
    public var messages: Int
    /// Messages per second over the time they flowed.
    public var messagesPerSecond: Double
    /// Payload bytes per second over the same time.
    public var bytesPerSecond: Double
    /// `pub` at QoS 1 and 2: publish to acknowledgement; `sub`: send time to arrival, for payloads from `bench pub`.
    public var messageLatency: Latency?
    /// The whole run.
    public var elapsed: Duration
    /// The first few distinct errors, with how often each happened.
    public var errors: [String: Int]
}

/// What a load run has done so far, told about once a second.
public struct MQTTBenchProgress: Sendable, Hashable {
    /// Since the run began.
    public var elapsed: Duration
    /// Connections open now.
    public var connected: Int
    /// Connections that failed so far.
    public var failed: Int
    /// Messages so far.
    public var messages: Int
    /// Messages in the last interval, per second.
    public var messagesPerSecond: Double
}
