/** Small shared helpers with no dependency on the rest of the optimizer: latency histogram, logging. */
package org.jdbcoptimizer.util;
