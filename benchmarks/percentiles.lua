-- wrk script for run-load.sh: after the run, print the 95th percentile of the latency (in
-- microseconds), which wrk's --latency table (50, 75, 90, 99%) does not show.
done = function(summary, latency, requests)
    io.write(string.format("p95_us %d\n", latency:percentile(95)))
end
