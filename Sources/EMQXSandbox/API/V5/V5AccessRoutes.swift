/// The v5 routes of authenticators and authorization sources (their users and rules are in `V5Routes`).
enum V5AccessRoutes {
    static func register(_ routes: APIRoutes) {
        routes.get("authentication") { state, _ in state.v5ListAuthenticators() }
        routes.post("authentication") { state, call in state.v5CreateAuthenticator(call) }
        routes.put("authentication/order") { state, call in state.v5OrderAuthenticators(call) }
        routes.get("authentication/:authenticator") { state, call in state.v5Authenticator(call["authenticator"]) }
        routes.put("authentication/:authenticator") { state, call in
            state.v5UpdateAuthenticator(call["authenticator"], call)
        }
        routes.delete("authentication/:authenticator") { state, call in
            state.v5DeleteAuthenticator(call["authenticator"])
        }
        routes.get("authentication/:authenticator/status") { state, call in
            state.v5AuthenticatorStatus(call["authenticator"])
        }
        routes.put("authentication/:authenticator/position/:position") { state, call in
            state.v5MoveAuthenticator(call["authenticator"], to: call["position"])
        }
        routes.get("authorization/sources") { state, _ in state.v5ListAuthorizationSources() }
        routes.post("authorization/sources") { state, call in state.v5CreateAuthorizationSource(call) }
        routes.put("authorization/sources/order") { state, call in state.v5OrderAuthorizationSources(call) }
        // The router takes the static `built_in_database` segment of the rules' routes before `:type`, so the built-in
        // source's own routes are served again under that name, left out of the self-description.
        for (segment, fixed) in [(":type", nil), ("built_in_database", "built_in_database")] {
            let one = "authorization/sources/" + segment
            let described = fixed == nil
            let type: @Sendable (APICall) -> String = { fixed ?? $0["type"] }
            routes.get(one, described: described) { state, call in state.v5AuthorizationSource(type(call)) }
            routes.put(one, described: described) { state, call in
                state.v5UpdateAuthorizationSource(type(call), call)
            }
            routes.delete(one, described: described) { state, call in
                state.v5DeleteAuthorizationSource(type(call))
            }
            routes.get(one + "/status", described: described) { state, call in
                state.v5AuthorizationSourceStatus(type(call))
            }
            routes.post(one + "/move", described: described) { state, call in
                state.v5MoveAuthorizationSource(type(call), call)
            }
        }
        routes.get("authorization/settings") { state, _ in state.v5AuthorizationSettings() }
        routes.put("authorization/settings") { state, call in state.v5UpdateAuthorizationSettings(call) }
    }
}
