// Unit `pe` emitted by rust-hdl 0.46 via mlp-rtl (default config). Do not edit.
// Every register starts at 0 through an `initial` statement (fine for simulation and iCE40).


module top(clock,a_in,b_in,mac_en,first,last,shift,shadow_in,shadow_out,sat);
    
    // Module arguments
    input wire  clock;
    input wire signed [15:0] a_in;
    input wire signed [15:0] b_in;
    input wire  mac_en;
    input wire  first;
    input wire  last;
    input wire  shift;
    input wire signed [31:0] shadow_in;
    output reg signed [31:0] shadow_out;
    output reg  sat;
    
    // Constant declarations
    localparam  zero_c = 32'h0;
    localparam signed acc_max_c = 32'h7fffffff;
    localparam signed acc_min_c = 32'h80000000;
    localparam  sign_c = 32'h80000000;
    localparam  max_biased_c = 32'hffffffff;
    localparam  min_biased_c = 32'h0;
    
    // Stub signals
    reg signed [15:0] mul$a;
    reg signed [15:0] mul$b;
    wire signed [31:0] mul$p;
    reg signed [31:0] prod_q$d;
    wire signed [31:0] prod_q$q;
    reg  prod_q$clock;
    reg  en_q$d;
    wire  en_q$q;
    reg  en_q$clock;
    reg  first_q$d;
    wire  first_q$q;
    reg  first_q$clock;
    reg  last_q$d;
    wire  last_q$q;
    reg  last_q$clock;
    reg signed [31:0] acc_q$d;
    wire signed [31:0] acc_q$q;
    reg  acc_q$clock;
    reg signed [31:0] shadow_q$d;
    wire signed [31:0] shadow_q$q;
    reg  shadow_q$clock;
    reg  sat_q$d;
    wire  sat_q$q;
    reg  sat_q$clock;
    
    // Local signals
    reg  [31:0] base_bits;
    reg  [31:0] prod_bits;
    reg  [31:0] sum_bits;
    
    // Sub module instances
    top$mul mul(
        .a(mul$a),
        .b(mul$b),
        .p(mul$p)
    );
    top$prod_q prod_q(
        .d(prod_q$d),
        .q(prod_q$q),
        .clock(prod_q$clock)
    );
    top$en_q en_q(
        .d(en_q$d),
        .q(en_q$q),
        .clock(en_q$clock)
    );
    top$first_q first_q(
        .d(first_q$d),
        .q(first_q$q),
        .clock(first_q$clock)
    );
    top$last_q last_q(
        .d(last_q$d),
        .q(last_q$q),
        .clock(last_q$clock)
    );
    top$acc_q acc_q(
        .d(acc_q$d),
        .q(acc_q$q),
        .clock(acc_q$clock)
    );
    top$shadow_q shadow_q(
        .d(shadow_q$d),
        .q(shadow_q$q),
        .clock(shadow_q$clock)
    );
    top$sat_q sat_q(
        .d(sat_q$d),
        .q(sat_q$q),
        .clock(sat_q$clock)
    );
    
    // Update code
    always @(*) begin
        prod_q$clock = clock;
        en_q$clock = clock;
        first_q$clock = clock;
        last_q$clock = clock;
        acc_q$clock = clock;
        shadow_q$clock = clock;
        sat_q$clock = clock;
        prod_q$d = prod_q$q;
        en_q$d = en_q$q;
        first_q$d = first_q$q;
        last_q$d = last_q$q;
        acc_q$d = acc_q$q;
        shadow_q$d = shadow_q$q;
        sat_q$d = sat_q$q;
        mul$a = a_in;
        mul$b = b_in;
        prod_q$d = mul$p;
        en_q$d = mac_en;
        first_q$d = first;
        last_q$d = last;
        if (first_q$q) begin
            base_bits = zero_c;
        end
        else begin
            base_bits = $unsigned(acc_q$q);
        end
        prod_bits = $unsigned(prod_q$q);
        sum_bits = base_bits + prod_bits;
        sat_q$d = 1'b0;
        if (en_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                acc_q$d = acc_max_c;
                sat_q$d = 1'b1;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                acc_q$d = acc_min_c;
                sat_q$d = 1'b1;
            end
            else begin
                acc_q$d = $signed(sum_bits);
            end
        end
        if (en_q$q & last_q$q) begin
            if ((~base_bits[32'h1f] & ~prod_bits[32'h1f] & sum_bits[32'h1f]) | ((sum_bits ^ sign_c) > max_biased_c)) begin
                shadow_q$d = acc_max_c;
            end
            else if ((base_bits[32'h1f] & prod_bits[32'h1f] & ~sum_bits[32'h1f]) | ((sum_bits ^ sign_c) < min_biased_c)) begin
                shadow_q$d = acc_min_c;
            end
            else begin
                shadow_q$d = $signed(sum_bits);
            end
        end
        else if (shift) begin
            shadow_q$d = shadow_in;
        end
        shadow_out = shadow_q$q;
        sat = sat_q$q;
    end
    
endmodule // top


module top$acc_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$acc_q


module top$en_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$en_q


module top$first_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$first_q


module top$last_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$last_q


module top$mul(a,b,p);
    
    // Module arguments
    input wire signed [15:0] a;
    input wire signed [15:0] b;
    output reg signed [31:0] p;
    
    // Update code (custom)
    wire signed [31:0] a_ext = {{16{a[15]}}, a};
    wire signed [31:0] b_ext = {{16{b[15]}}, b};
    always @(*) p = a_ext * b_ext;
endmodule // top$mul


module top$prod_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$prod_q


module top$sat_q(d,q,clock);
    
    // Module arguments
    input wire  d;
    output reg  q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 1'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$sat_q


module top$shadow_q(d,q,clock);
    
    // Module arguments
    input wire signed [31:0] d;
    output reg signed [31:0] q;
    input wire  clock;
    
    // Update code (custom)
    initial begin
       q = 32'h0;
    end
    
    always @(posedge clock) begin
       q <= d;
    end
          
endmodule // top$shadow_q
