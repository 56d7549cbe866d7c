// The order system's test kit: start it whole, read every service's view, check SPEC §6.
