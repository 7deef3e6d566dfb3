/// The v5 routes of connectors, actions and sources.
enum V5ConnectorRoutes {
    static func register(_ routes: APIRoutes) {
        routes.get("connectors") { state, _ in state.v5ListConnectors() }
        routes.post("connectors") { state, call in state.v5CreateConnector(call) }
        routes.get("connectors/:id") { state, call in state.v5Connector(call["id"]) }
        routes.put("connectors/:id") { state, call in state.v5UpdateConnector(call["id"], call) }
        routes.delete("connectors/:id") { state, call in state.v5DeleteConnector(call["id"]) }
        routes.put("connectors/:id/enable/:enable") { state, call in
            state.v5EnableConnector(call["id"], call["enable"])
        }
        routes.post("connectors/:id/:operation") { state, call in
            state.v5StartConnector(call["id"], call["operation"])
        }
        for kind in BridgeKind.allCases {
            let base = kind.rawValue
            routes.get(base) { state, _ in state.v5ListBridges(kind) }
            routes.post(base) { state, call in state.v5CreateBridge(kind, call) }
            routes.get(base + "/:id") { state, call in state.v5Bridge(kind, call["id"]) }
            routes.put(base + "/:id") { state, call in state.v5UpdateBridge(kind, call["id"], call) }
            routes.delete(base + "/:id") { state, call in state.v5DeleteBridge(kind, call["id"]) }
            routes.put(base + "/:id/enable/:enable") { state, call in
                state.v5EnableBridge(kind, call["id"], call["enable"])
            }
        }
    }
}
