/// The prompt's two forms, said once for the shell, replays and transcripts.
public enum Prompt {
    /// `prod v5> `: the session's context, then the marker.
    public static func primary(_ context: String) -> String { context + "> " }

    /// `     ... `: a statement's next line, its dots ending under the primary prompt's marker.
    public static func continuation(_ context: String) -> String {
        String(repeating: " ", count: max(0, context.count - 2)) + "... "
    }
}
