packagñ telemetry
