<?php
/**
 * Treu_Token against the real treu-host binary: the host accepts the plugin's
 * tokens on GET /v1/me and refuses them signed with another secret or expired,
 * and the plugin's HS256 signature equals the host's own (`treu-host mint-token`).
 *
 * @package TreuLoyalty
 */

/**
 * `treu-host serve` on a free port with a fresh database in a temporary folder.
 */
final class Treu_Host_Process {
	public string $url;
	/** @var resource */
	private $process;
	private string $dir;

	public function __construct( string $secret, array $extra_env = array() ) {
		$this->dir = sys_get_temp_dir() . '/treu-php-' . bin2hex( random_bytes( 6 ) );
		mkdir( $this->dir );
		$env                      = getenv();
		$env['TREU_DATABASE_URL'] = 'sqlite://' . $this->dir . '/treu.sqlite';
		$env['TREU_SHOP_SECRET']  = $secret;
		$env['RUST_LOG']          = 'error';
		$env                      = array_merge( $env, $extra_env );
		$root                     = dirname( __DIR__, 3 );
		$this->process = proc_open(
			array( treu_host_bin(), 'serve', '--port', '0', '--program', 'www/demo-program.json' ),
			array( 0 => array( 'pipe', 'r' ), 1 => array( 'pipe', 'w' ), 2 => STDERR ),
			$pipes,
			$root,
			$env
		);
		// The host prints "listening on http://127.0.0.1:PORT" once it accepts connections.
		while ( false !== ( $line = fgets( $pipes[1] ) ) ) {
			if ( preg_match( '#listening on (http://\S+)#', $line, $match ) ) {
				$this->url = $match[1];
				return;
			}
		}
		throw new RuntimeException( 'treu-host did not start' );
	}

	/** GET `$path` with `$token` as the bearer; the status and the decoded body. */
	public function get( string $path, string $token ): array {
		return $this->request( 'GET', $path, array( 'Authorization' => "Bearer $token" ), '' );
	}

	/** `$method` `$path` with `$headers` and `$body`; the status and the decoded body. */
	public function request( string $method, string $path, array $headers, string $body ): array {
		$lines = '';
		foreach ( $headers as $name => $value ) {
			$lines .= "$name: $value\r\n";
		}
		$context = stream_context_create(
			array(
				'http' => array(
					'method'        => $method,
					'header'        => $lines,
					'content'       => $body,
					'ignore_errors' => true,
				),
			)
		);
		$body = file_get_contents( $this->url . $path, false, $context );
		preg_match( '#^HTTP/\S+ (\d+)#', $http_response_header[0], $status );
		return array( (int) $status[1], json_decode( (string) $body, true ) );
	}

	public function __destruct() {
		proc_terminate( $this->process );
		proc_close( $this->process );
		array_map( 'unlink', glob( $this->dir . '/*' ) ?: array() );
		rmdir( $this->dir );
	}
}

function treu_host_bin(): string {
	$bin = getenv( 'TREU_HOST_BIN' ) ?: dirname( __DIR__, 3 ) . '/target/debug/treu-host';
	if ( ! is_executable( $bin ) ) {
		throw new RuntimeException( "$bin is missing: cargo build -p treu-host" );
	}
	return $bin;
}

const SHOP_SECRET = 'php-test-shop-secret-0123456789abcdef';

Check::test(
	'token: the host accepts the plugin\'s token for customer 4711 on GET /v1/me',
	static function (): void {
		$host  = new Treu_Host_Process( SHOP_SECRET );
		$token = Treu_Token::for_customer( 4711, 'ann@example.org', 'Ann Lee', SHOP_SECRET, time(), 3600 );
		list( $status, $me ) = $host->get( '/v1/me', $token );
		Check::same( 200, $status, 'GET /v1/me' );
		Check::same( '4711', $me['customer']['id'] ?? null, 'the member is the WooCommerce customer' );

		$other = Treu_Token::for_customer( 4711, '', '', SHOP_SECRET . '-other', time(), 3600 );
		list( $status, $problem ) = $host->get( '/v1/me', $other );
		Check::same( 401, $status, 'another secret' );
		Check::same( true, str_contains( $problem['detail'] ?? '', 'signature' ), 'names the signature' );

		$expired = Treu_Token::for_customer( 4711, '', '', SHOP_SECRET, time() - 7200, 3600 );
		list( $status, $problem ) = $host->get( '/v1/me', $expired );
		Check::same( 401, $status, 'expired' );
		Check::same( true, str_contains( $problem['detail'] ?? '', 'expired' ), 'says it expired' );
	}
);

Check::test(
	'token: the plugin signs exactly as the host does (treu-host mint-token)',
	static function (): void {
		$command = sprintf( 'TREU_SHOP_SECRET=%s %s mint-token --customer 4711 --email ann@example.org --name %s', escapeshellarg( SHOP_SECRET ), escapeshellarg( treu_host_bin() ), escapeshellarg( 'Ann Lee' ) );
		$minted  = trim( (string) shell_exec( $command ) );
		list( $header, $payload, $signature ) = explode( '.', $minted );
		$claims = json_decode( base64_decode( strtr( $payload, '-_', '+/' ) ), true );
		Check::same( array( 'sub' => '4711', 'exp' => $claims['exp'], 'email' => 'ann@example.org', 'name' => 'Ann Lee' ), $claims, 'the host\'s claims' );
		$ours = Treu_Token::sign( $claims, SHOP_SECRET );
		list( $our_header, $our_payload, $our_signature ) = explode( '.', $ours );
		Check::same( json_decode( base64_decode( strtr( $header, '-_', '+/' ) ), true ), json_decode( base64_decode( strtr( $our_header, '-_', '+/' ) ), true ), 'the header' );
		Check::same( $payload, $our_payload, 'the claims encode alike' );
		// The host's signature over the host's own header and claims, recomputed here.
		Check::same( $signature, Treu_Token::base64url( hash_hmac( 'sha256', "$header.$payload", SHOP_SECRET, true ) ), 'the signature' );
	}
);

Check::test(
	'token: claims are sub (decimal string), exp, and email and name only when known; guests get none',
	static function (): void {
		$token  = Treu_Token::for_customer( 12, '', '', SHOP_SECRET, 1_800_000_000, 600 );
		$claims = json_decode( base64_decode( strtr( explode( '.', $token )[1], '-_', '+/' ) ), true );
		Check::same( array( 'sub' => '12', 'exp' => 1_800_000_600 ), $claims );
		Check::throws( InvalidArgumentException::class, static fn() => Treu_Token::for_customer( 0, '', '', SHOP_SECRET, time(), 60 ), 'a guest' );
		Check::throws( InvalidArgumentException::class, static fn() => Treu_Token::for_customer( 12, '', '', '', time(), 60 ), 'no secret' );
	}
);
