/** Entry of the guest bundle (an IIFE script run in every fresh context): linalg plus the guest runtime. */
import * as linalg from "linalg";
import { installGuest } from "./runtime";

installGuest({ ...linalg });
