/** Reports of a run: medians and pair ratios, the Markdown table, the CSV and the PNG charts. */
package dev.oxistore.bench.report;
