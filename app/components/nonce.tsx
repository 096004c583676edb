// The CSP nonce of the current request, for Remix's inline scripts (server render only).
import { createContext, useContext } from "react";

export const NonceContext = createContext<string>("");
export const useNonce = () => useContext(NonceContext);
