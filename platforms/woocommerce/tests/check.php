<?php
/**
 * The smallest test runner that reports well: named tests, equality with both
 * values shown on failure, and a summary.
 *
 * @package TreuLoyalty
 */

final class Check {
	/** @var array<string, callable> */
	private static array $tests = array();

	public static function test( string $name, callable $body ): void {
		self::$tests[ $name ] = $body;
	}

	public static function same( $expected, $actual, string $what = '' ): void {
		if ( $expected !== $actual ) {
			throw new RuntimeException( ( '' === $what ? '' : "$what: " ) . 'expected ' . var_export( $expected, true ) . ', got ' . var_export( $actual, true ) );
		}
	}

	public static function throws( string $class, callable $body, string $what ): void {
		try {
			$body();
		} catch ( Throwable $error ) {
			self::same( $class, get_class( $error ), $what );
			return;
		}
		throw new RuntimeException( "$what: expected $class, nothing was thrown" );
	}

	/** Runs every test; the exit code is 0 only if all passed. */
	public static function report(): int {
		$failed = 0;
		foreach ( self::$tests as $name => $body ) {
			try {
				$body();
				echo "ok   $name\n";
			} catch ( Throwable $error ) {
				++$failed;
				echo "FAIL $name\n     " . $error->getMessage() . "\n";
			}
		}
		printf( "%d passed, %d failed\n", count( self::$tests ) - $failed, $failed );
		return 0 === $failed ? 0 : 1;
	}
}
