import EMQXMQTT
import Foundation

/// Delayed publish: a message to `$delayed/{seconds}/{topic}` is held, then published to its topic when due.
extension SandboxState {
    /// Holds a delayed message; false when the message is not one (or delayed publish is off, or the store is full,
    /// which drops it as EMQX does).
    func holdsDelayed(_ message: MQTTMessage) -> Bool {
        guard delayed.enable, let (seconds, topic) = DelayedMessages.parse(message.topic) else { return false }
        count("messages.received")
        guard !delayed.isFull else {
            count("messages.dropped")
            return true
        }
        var held = message
        held.topic = topic
        held.receivedAt = nil
        let entry = delayed.hold(held, for: seconds)
        count("messages.delayed")
        Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            await self?.releaseDelayed(entry.id)
        }
        return true
    }

    private func releaseDelayed(_ id: String) {
        guard let entry = delayed.remove(id) else { return }
        _ = route(entry.message)
        outbox.flush()
    }
}
