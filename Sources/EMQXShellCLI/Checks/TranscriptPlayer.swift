import EMQXShell

/// Shows a recorded session as it happened, for a reader: prompts, inputs, outputs; with a pace, typed out.
public struct TranscriptPlayer: Sendable {
    let streams: any OutputSink
    /// At most this many seconds between inputs, and inputs typed a character at a time; nil prints at once.
    let pace: Double?

    public init(streams: any OutputSink, pace: Double? = nil) {
        self.streams = streams
        self.pace = pace
    }

    /// Prints the session for a reader; with --pace, waits between inputs and types them.
    public func show(_ transcript: Transcript) async throws {
        var previous = 0.0
        for entry in transcript.entries {
            if let pace, let offset = entry.offset {
                try await Task.sleep(for: .seconds(min(max(0, offset - previous), pace)))
                previous = offset
            }
            let lines = entry.input.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                let prompt = index == 0 ? Prompt.primary(entry.context) : Prompt.continuation(entry.context)
                streams.write(prompt)
                if pace != nil {
                    for character in line {
                        streams.write(String(character))
                        try await Task.sleep(for: .milliseconds(25))
                    }
                    streams.write("\n")
                } else {
                    streams.write((line + "\n"))
                }
            }
            for line in entry.output {
                if line.isError {
                    streams.writeError(line.text + "\n")
                } else {
                    streams.write(line.text + "\n")
                }
            }
        }
    }
}
