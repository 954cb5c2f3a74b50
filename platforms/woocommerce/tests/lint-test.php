<?php
/**
 * Every file of the plugin parses with this PHP (the parts that need WordPress
 * are not run here, but a syntax error in them would break the shop).
 *
 * @package TreuLoyalty
 */

Check::test(
	'lint: every plugin file parses (php -l)',
	static function (): void {
		$files = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( dirname( __DIR__ ) . '/treu-loyalty', FilesystemIterator::SKIP_DOTS ) );
		$count = 0;
		foreach ( $files as $file ) {
			if ( 'php' !== $file->getExtension() ) {
				continue;
			}
			++$count;
			exec( escapeshellarg( PHP_BINARY ) . ' -l ' . escapeshellarg( $file->getPathname() ) . ' 2>&1', $output, $status );
			Check::same( 0, $status, $file->getFilename() . ': ' . implode( ' ', $output ) );
		}
		Check::same( true, $count >= 9, 'plugin files found' );
	}
);
