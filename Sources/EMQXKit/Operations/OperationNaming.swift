/// The rule that names a command after a method and a path.
///
/// The first path segment is the group; the other literal segments follow in order; path parameters become
/// positional arguments and take no word. A verb ends the name:
/// - `GET` of a path ending in a parameter is `show`; `GET` of the group's own path, or of a path that `POST`
///   creates in, is `list`; any other `GET` names what it reads and takes no verb (`configs broker`).
/// - `POST` to a path that `GET` lists is `create`; any other `POST` is an action named by its path
///   (`listeners restart ID`, `data export`).
/// - `PUT` of a path ending in a parameter is `update`, unless a literal and a parameter follow another parameter on
///   a path with no `GET` (`actions enable ID ENABLE`); `PUT` of literals after a parameter, on a path with no
///   `GET`, is an action (`trace stop NAME`, `rules metrics reset ID`); any other `PUT` is `update`.
/// - `DELETE` of a path ending in a parameter is `delete`; of literals after a parameter, on a path with no `GET`,
///   an action (`cluster force_leave NODE`); any other `DELETE` is `clear`.
/// - A name left with no word after the group takes the method's: `run` (POST), `update`, `show`, `delete`.
///
/// Path words are written as a command line takes them bare: `-` as `_`, and `$` dropped (`acl_cache`, `acl all`).
///
/// Two operations that would share a name are told apart by the last path parameter's name, added to the one with
/// more parameters (`relup upgrade` and `relup upgrade node NODE`); among equals, by path and method.
public enum OperationNaming {
    /// The command words for `method` on `path`, given the methods the same path has.
    public static func command(_ method: HTTPMethod, _ path: String, pathMethods: Set<HTTPMethod>) -> [String] {
        let segments = path.split(separator: "/").map(String.init)
        guard let group = segments.first else { return [method.rawValue.lowercased()] }
        var words = ([group] + segments.dropFirst().filter { !isParameter($0) }).map(word)
        let endsInParameter = segments.last.map(isParameter) ?? false
        // Literals after the last parameter, when one comes before them: `/trace/{name}/stop`.
        let lastParameter = segments.lastIndex(where: isParameter)
        let actionTail = !endsInParameter && lastParameter != nil
        let hasParameters = lastParameter != nil
        let verb: String?
        switch method {
        case .get:
            if endsInParameter {
                verb = "show"
            } else if segments.count == 1 || (!hasParameters && pathMethods.contains(.post)) {
                verb = "list"
            } else {
                verb = nil
            }
        case .post:
            verb = pathMethods.contains(.get) && !endsInParameter ? "create" : nil
        case .put, .patch:
            let count = segments.count
            if endsInParameter && count >= 3 && !isParameter(segments[count - 2]) && isParameter(segments[count - 3])
                && !pathMethods.contains(.get)
            {
                verb = nil
            } else if actionTail && !pathMethods.contains(.get) {
                verb = nil
            } else {
                verb = "update"
            }
        case .delete:
            if endsInParameter {
                verb = "delete"
            } else if actionTail && !pathMethods.contains(.get) {
                verb = nil
            } else {
                verb = "clear"
            }
        }
        if let verb {
            words.append(verb)
        } else if words.count == 1 {
            words.append(fallbackVerb[method] ?? method.rawValue.lowercased())
        }
        return words
    }

    /// Tells apart operations that the rule gives one name: each but the one with fewest path parameters adds the
    /// name of its last path parameter.
    public static func disambiguate(_ operations: inout [Operation]) {
        var byName: [String: [Int]] = [:]
        for index in operations.indices { byName[operations[index].commandName, default: []].append(index) }
        for indices in byName.values where indices.count > 1 {
            let ordered = indices.sorted {
                let (a, b) = (operations[$0], operations[$1])
                return (a.pathParameters.count, a.path, a.method.rawValue) < (
                    b.pathParameters.count, b.path, b.method.rawValue
                )
            }
            for index in ordered.dropFirst() {
                if let last = operations[index].pathParameters.last {
                    operations[index].command.append(last.name)
                } else {
                    operations[index].command.append(operations[index].method.rawValue.lowercased())
                }
            }
        }
    }

    /// A literal segment as a word a command line takes bare: `acl-cache` is `acl_cache`, `$all` is `all`.
    static func word(_ segment: String) -> String {
        String(segment.compactMap { $0 == "-" ? "_" : ($0 == "$" ? nil : $0) })
    }

    /// Whether `word` is one of the verbs the rule adds (`list`, `show`, `create`, `update`, `delete`, `clear`,
    /// `run`): a word after a group that is one names an operation.
    public static func isVerb(_ word: String) -> Bool {
        switch word {
        case "list", "show", "create", "update", "delete", "clear", "run": return true
        default: return false
        }
    }

    static func isParameter<S: StringProtocol>(_ segment: S) -> Bool {
        segment.hasPrefix("{") && segment.hasSuffix("}")
    }

    private static let fallbackVerb: [HTTPMethod: String] = [
        .get: "show", .post: "run", .put: "update", .patch: "update", .delete: "delete",
    ]
}
